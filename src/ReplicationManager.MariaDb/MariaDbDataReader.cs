using ReplicationManager.MariaDb.Io;
using ReplicationManager.MariaDb.Protocol;

namespace ReplicationManager.MariaDb;

/// <summary>
/// Streams the result sets of one statement: rows are parsed as they arrive, from a pooled buffer, and a value is
/// valid until the next <see cref="ReadAsync"/>. Each read is bounded by the connection's CommandTimeout. The
/// connection is busy until the reader is disposed; disposing it early reads and discards the rest, so that the
/// connection stays usable.
/// </summary>
public sealed class MariaDbDataReader : IAsyncDisposable
{
    private readonly MariaDbConnection _connection;
    private readonly ResultStream _results;
    private readonly TimeSpan _timeout;
    private bool _hasResultSet;
    private bool _disposed;

    internal MariaDbDataReader(MariaDbConnection connection, ResultStream results, TimeSpan timeout, bool hasResultSet)
    {
        _connection = connection;
        _results = results;
        _timeout = timeout;
        _hasResultSet = hasResultSet;
    }

    /// <summary>The current result set's columns; empty when the statement returned no result set.</summary>
    public IReadOnlyList<MariaDbColumn> Columns => Current.Columns;

    public int FieldCount => Current.Count;

    /// <summary>Rows changed so far by the statements of the batch.</summary>
    public long RecordsAffected => _results.Summary.AffectedRows;

    /// <summary>A value of the current row.</summary>
    public MariaDbValue this[int ordinal]
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _results.Value(ordinal);
        }
    }

    /// <exception cref="ArgumentException">No column has this name.</exception>
    public MariaDbValue this[string name] => this[GetOrdinal(name)];

    public int GetOrdinal(string name) => Current.GetOrdinal(name);

    /// <summary>Moves to the next row of the current result set; false after its last row.</summary>
    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_hasResultSet)
            return new(false);
        return _results.TryReadRowBuffered(out var hasRow)
            ? new(hasRow)
            : _results.ReadRowAsync(Deadline.Start(_timeout, IoOperation.Read), cancellationToken);
    }

    /// <summary>Moves to the next result set (skipping the rest of this one); false when there is none.</summary>
    public async ValueTask<bool> NextResultAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        _hasResultSet = await _results.NextResultSetAsync(Deadline.Start(_timeout, IoOperation.Read), cancellationToken);
        return _hasResultSet;
    }

    /// <summary>Reads and discards what is left of the response, then frees the connection for the next command.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            while (!_results.IsComplete)
            {
                // A fresh deadline per row: a long result costs its length, a stalled server one timeout.
                while (await _results.ReadRowAsync(Deadline.Start(_timeout, IoOperation.Read), CancellationToken.None))
                {
                }
                await _results.NextResultSetAsync(Deadline.Start(_timeout, IoOperation.Read), CancellationToken.None);
            }
        }
        catch (MariaDbException)
        {
            // A server error ends the response cleanly; anything else has already broken the connection, which says why.
        }
        await _connection.StatementStoppedAsync();
        _connection.EndCommand();
    }

    private ColumnSet Current
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _hasResultSet ? _results.Columns : ColumnSet.Empty;
        }
    }
}
