using System.Runtime.CompilerServices;
using ReplicationManager.MariaDb.Io;

namespace ReplicationManager.MariaDb.Protocol;

/// <summary>
/// The server's response to one command, read incrementally: OK packets, result sets (column definitions, then
/// rows parsed in place from the receive buffer), and the ERR that may end it. One instance per connection, reused.
/// Any failure other than a server ERR leaves the protocol in an unknown state and breaks the connection.
/// </summary>
internal sealed class ResultStream(PacketChannel channel, MariaDbConnectOptions options, MariaDbCapabilities capabilities, Action<Exception> breakConnection)
{
    private readonly bool _deprecateEof = (capabilities & MariaDbCapabilities.DeprecateEof) != 0;
    private readonly bool _extendedMetadata = (capabilities & MariaDbCapabilities.MariaDbExtendedMetadata) != 0;
    private readonly ColumnSetCache _columnCache = new();
    private Phase _phase = Phase.Complete;
    private int _resultSets;
    private ColumnSet _columns = ColumnSet.Empty;
    private ReadOnlyMemory<byte> _row;
    private bool _onRow;
    private int[] _offsets = new int[32];
    private long _affectedRows;
    private ulong _lastInsertId;
    private int _warnings;

    private enum Phase
    {
        /// <summary>The next packet starts a result: OK, ERR or a column count.</summary>
        AwaitingResult,

        /// <summary>Inside a result set: the next packet is a row or its end.</summary>
        Rows,

        /// <summary>The command's response has been read to its end (or the connection broke).</summary>
        Complete,
    }

    public MariaDbServerStatus Status { get; set; }

    public bool IsComplete => _phase == Phase.Complete;

    public ColumnSet Columns => _columns;

    public MariaDbCommandResult Summary => new(_affectedRows, _lastInsertId, _warnings, Status);

    /// <summary>Sends the payload the caller built and prepares to read its response.</summary>
    public async ValueTask SendAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        (_phase, _columns, _onRow, _affectedRows, _lastInsertId, _warnings, _resultSets) = (Phase.AwaitingResult, ColumnSet.Empty, false, 0, 0, 0, 0);
        try
        {
            await channel.SendAsync(deadline, cancellationToken);
        }
        catch (Exception ex) when (Fail(ex))
        {
            throw;
        }
    }

    /// <summary>Skips what is left of the current result set and moves to the next one with columns; false at the end.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> NextResultSetAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            while (_phase == Phase.Rows)
                await ReadRowAsync(deadline, cancellationToken);
            _columns = ColumnSet.Empty;
            while (_phase == Phase.AwaitingResult)
            {
                var payload = await channel.ReadAsync(deadline, cancellationToken);
                if (payload.IsEmpty)
                    throw ProtocolErrors.Malformed("an empty packet where a result should start");
                switch (payload.Span[0])
                {
                    case OkPacket.Header:
                        var ok = OkPacket.Read(payload.Span);
                        _affectedRows += (long)ok.AffectedRows;
                        if (ok.LastInsertId != 0)
                            _lastInsertId = ok.LastInsertId;
                        EndResult(ok);
                        break;
                    case ErrorPacket.Header:
                        throw EndWithError(payload.Span);
                    case TextRow.NullValue:
                        throw ProtocolErrors.Unexpected("a LOCAL INFILE request, which this client never allows");
                    default:
                        await ReadColumnsAsync(payload, deadline, cancellationToken);
                        return true;
                }
            }
            return false;
        }
        catch (Exception ex) when (Fail(ex))
        {
            throw;
        }
    }

    /// <summary>Parses the next row if it is already buffered: true when it could tell (<paramref name="hasRow"/> says which).</summary>
    public bool TryReadRowBuffered(out bool hasRow)
    {
        hasRow = false;
        if (_phase != Phase.Rows)
            return true;
        try
        {
            if (!channel.TryReadBuffered(out var payload))
                return false;
            hasRow = AcceptRow(payload);
            return true;
        }
        catch (Exception ex) when (Fail(ex))
        {
            throw;
        }
    }

    public ValueTask<bool> ReadRowAsync(Deadline deadline, CancellationToken cancellationToken) =>
        TryReadRowBuffered(out var hasRow) ? new(hasRow) : ReadRowSlowAsync(deadline, cancellationToken);

    public MariaDbValue Value(int ordinal)
    {
        if (!_onRow)
            throw new InvalidOperationException("there is no current row: call ReadAsync first, and only read values while it returns true");
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, _columns.Count);
        var start = _offsets[2 * ordinal];
        var length = _offsets[2 * ordinal + 1];
        return new(length < 0 ? default : _row.Slice(start, length), length < 0, _columns.Columns[ordinal], options.ZeroDates);
    }

    /// <summary>A store for copies of this result set's rows.</summary>
    public RowStore CreateRowStore() => new(_columns, options.ZeroDates);

    public void CopyRowTo(RowStore store)
    {
        if (!_onRow)
            throw new InvalidOperationException("there is no current row");
        store.Add(_row.Span, _offsets.AsSpan(0, 2 * _columns.Count));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadRowSlowAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            return AcceptRow(await channel.ReadAsync(deadline, cancellationToken));
        }
        catch (Exception ex) when (Fail(ex))
        {
            throw;
        }
    }

    private bool AcceptRow(ReadOnlyMemory<byte> payload)
    {
        var span = payload.Span;
        _onRow = false;
        if (span.Length > 0 && span[0] == ErrorPacket.Header)
            throw EndWithError(span);
        if (OkPacket.IsResultSetEnd(span, _deprecateEof))
        {
            EndResult(_deprecateEof ? OkPacket.Read(span) : OkPacket.ReadEof(span));
            return false;
        }
        TextRow.Split(span, _offsets.AsSpan(0, 2 * _columns.Count));
        _row = payload;
        _onRow = true;
        return true;
    }

    private async ValueTask ReadColumnsAsync(ReadOnlyMemory<byte> first, Deadline deadline, CancellationToken cancellationToken)
    {
        var count = new PayloadReader(first.Span).ReadLengthEncodedInteger();
        if (count > ushort.MaxValue)
            throw ProtocolErrors.Malformed($"{count} columns");
        var position = _resultSets++;
        var columns = new MariaDbColumn[count];
        _columnCache.Begin(position, columns.Length);
        for (var ordinal = 0; ordinal < columns.Length; ordinal++)
            columns[ordinal] = _columnCache.Next((await channel.ReadAsync(deadline, cancellationToken)).Span, ordinal, _extendedMetadata);
        if (!_deprecateEof && !OkPacket.IsResultSetEnd((await channel.ReadAsync(deadline, cancellationToken)).Span, deprecateEof: false))
            throw ProtocolErrors.Unexpected("no EOF packet after the column definitions");
        if (_offsets.Length < 2 * columns.Length)
            _offsets = new int[2 * columns.Length];
        _columns = _columnCache.End(position, columns);
        _phase = Phase.Rows;
    }

    private void EndResult(OkPacket end)
    {
        _warnings += end.Warnings;
        Status = end.Status;
        _phase = end.HasMoreResults ? Phase.AwaitingResult : Phase.Complete;
    }

    private MariaDbException EndWithError(ReadOnlySpan<byte> payload)
    {
        _phase = Phase.Complete;
        return ErrorPacket.Read(payload, channel.Endpoint);
    }

    /// <summary>Exception filter: breaks the connection unless the response was read to its end. Never catches.</summary>
    private bool Fail(Exception ex)
    {
        _onRow = false;
        if (_phase != Phase.Complete)
        {
            _phase = Phase.Complete;
            breakConnection(ex);
        }
        return false;
    }
}
