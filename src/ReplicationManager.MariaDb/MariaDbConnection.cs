using ReplicationManager.MariaDb.Io;
using ReplicationManager.MariaDb.Protocol;

namespace ReplicationManager.MariaDb;

/// <summary>
/// One session with a MariaDB or MySQL server over the client/server protocol (text protocol, UTF-8). Not
/// thread-safe: one call at a time. A timeout, a cancellation or a lost connection in the middle of a call breaks the
/// connection (<see cref="IsBroken"/>); a server error (<see cref="MariaDbException"/> with an ErrorCode) does not.
/// </summary>
public sealed class MariaDbConnection : IAsyncDisposable
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(1);

    private readonly PacketChannel _channel;
    private readonly ResultStream _results;
    private int _state;
    private string? _brokenBecause;

    private MariaDbConnection(PacketChannel channel, MariaDbConnectOptions options, MariaDbServerInfo server, MariaDbServerStatus status)
    {
        _channel = channel;
        Options = options;
        Server = server;
        _results = new ResultStream(channel, options, server.Capabilities, Break) { Status = status };
    }

    /// <summary>The options the connection was opened with (to open another like it).</summary>
    public MariaDbConnectOptions Options { get; }

    /// <summary>Version, flavor, connection id and capabilities, from the handshake.</summary>
    public MariaDbServerInfo Server { get; }

    /// <summary>The server status after the latest command (in a transaction, NO_BACKSLASH_ESCAPES...).</summary>
    public MariaDbServerStatus Status => _results.Status;

    /// <summary>The connection failed mid-call and can only be disposed.</summary>
    public bool IsBroken => (ConnectionState)Volatile.Read(ref _state) == ConnectionState.Broken;

    /// <summary>Connects, negotiates TLS and authenticates, all within <see cref="MariaDbConnectOptions.ConnectTimeout"/>.</summary>
    /// <exception cref="MariaDbException">The server refused: wrong password (1045), too many connections (1040)...</exception>
    /// <exception cref="MariaDbConnectionException">Refused, reset, TLS failure, unsupported authentication plugin.</exception>
    /// <exception cref="MariaDbTimeoutException">ConnectTimeout ran out.</exception>
    public static Task<MariaDbConnection> OpenAsync(MariaDbConnectOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OpenAsync(options, (deadline, token) => SocketConnector.ConnectAsync(options.Host, options.Port, deadline, token), cancellationToken);
    }

    internal static async Task<MariaDbConnection> OpenAsync(
        MariaDbConnectOptions options, Func<Deadline, CancellationToken, Task<Transport>> connect, CancellationToken cancellationToken)
    {
        options.Validate();
        var deadline = Deadline.Start(options.ConnectTimeout, IoOperation.Connect);
        var channel = new PacketChannel(await connect(deadline, cancellationToken));
        try
        {
            var (server, status) = await ConnectionHandshake.RunAsync(channel, options, deadline, cancellationToken);
            return new MariaDbConnection(channel, options, server, status);
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a statement (or several, separated by semicolons) and discards any rows.</summary>
    /// <exception cref="MariaDbException">The server refused the statement; the connection stays usable.</exception>
    /// <exception cref="MariaDbTimeoutException">CommandTimeout ran out; the connection is broken.</exception>
    /// <exception cref="MariaDbConnectionException">The connection was lost, or was already broken.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled; the connection is broken if the call had started.</exception>
    /// <exception cref="InvalidOperationException">Another call or a data reader is using the connection.</exception>
    public async Task<MariaDbCommandResult> ExecuteAsync(SqlStatement sql, CancellationToken cancellationToken)
    {
        var deadline = Deadline.Start(Options.CommandTimeout, IoOperation.Query);
        await StartAsync(sql, deadline, cancellationToken);
        try
        {
            while (await _results.NextResultSetAsync(deadline, cancellationToken))
            {
            }
            return _results.Summary;
        }
        finally
        {
            EndCommand();
        }
    }

    /// <summary>Runs a query and keeps the rows of its first result set in memory; for small results.</summary>
    public async Task<IReadOnlyList<MariaDbRow>> QueryAsync(SqlStatement sql, CancellationToken cancellationToken)
    {
        var deadline = Deadline.Start(Options.CommandTimeout, IoOperation.Query);
        await StartAsync(sql, deadline, cancellationToken);
        try
        {
            var rows = new List<MariaDbRow>();
            if (await _results.NextResultSetAsync(deadline, cancellationToken))
            {
                while (await _results.ReadRowAsync(deadline, cancellationToken))
                    rows.Add(_results.CopyRow());
                while (await _results.NextResultSetAsync(deadline, cancellationToken))
                {
                }
            }
            return rows;
        }
        finally
        {
            EndCommand();
        }
    }

    /// <summary>
    /// The first value of the first row, converted as by <see cref="MariaDbValue.Get{T}"/>; for no row, null when
    /// <typeparamref name="T"/> is nullable, else <see cref="InvalidOperationException"/>.
    /// </summary>
    public async Task<T> QueryScalarAsync<T>(SqlStatement sql, CancellationToken cancellationToken)
    {
        if (await QueryFirstRowAsync(sql, cancellationToken) is { } first)
            return first[0].Get<T>();
        return default(T) is null ? default! : throw new InvalidOperationException($"the query returned no row: {sql}");
    }

    /// <summary>Runs a statement and returns a reader positioned before the first row of its first result set.</summary>
    public async Task<MariaDbDataReader> ExecuteReaderAsync(SqlStatement sql, CancellationToken cancellationToken)
    {
        var deadline = Deadline.Start(Options.CommandTimeout, IoOperation.Query);
        await StartAsync(sql, deadline, cancellationToken);
        try
        {
            var hasResultSet = await _results.NextResultSetAsync(deadline, cancellationToken);
            return new MariaDbDataReader(this, _results, Options.CommandTimeout, hasResultSet);
        }
        catch
        {
            EndCommand();
            throw;
        }
    }

    /// <summary>COM_PING: a round trip proving the server answers.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        var deadline = Deadline.Start(Options.CommandTimeout, IoOperation.Ping);
        await StartAsync(CommandCode.Ping, null, deadline, cancellationToken);
        try
        {
            await _results.NextResultSetAsync(deadline, cancellationToken);
        }
        finally
        {
            EndCommand();
        }
    }

    /// <summary>Says goodbye (COM_QUIT) when the connection is healthy and idle, then closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        var previous = (ConnectionState)Interlocked.Exchange(ref _state, (int)ConnectionState.Closed);
        if (previous == ConnectionState.Closed)
            return;
        if (previous == ConnectionState.Busy)
        {
            // A call or a reader may still be using the buffers: close the socket and leave the buffers to the GC.
            _channel.Abort();
            return;
        }
        if (previous == ConnectionState.Ready)
        {
            try
            {
                _channel.ResetSequence();
                _channel.StartPayload().WriteByte((byte)CommandCode.Quit);
                await _channel.SendAsync(Deadline.Start(QuitTimeout, IoOperation.Quit), CancellationToken.None);
            }
            catch (MariaDbException)
            {
                // The server is gone already; closing the socket is all that is left to do.
            }
        }
        await _channel.DisposeAsync();
    }

    /// <summary>Frees the connection after a command; a response not read to its end leaves it broken.</summary>
    internal void EndCommand()
    {
        if (!_results.IsComplete)
            Break(new InvalidOperationException("a command ended before its response was read"));
        else if (Volatile.Read(ref _state) == (int)ConnectionState.Busy)
            _channel.ReleaseLargeBuffers();
        Interlocked.CompareExchange(ref _state, (int)ConnectionState.Ready, (int)ConnectionState.Busy);
    }

    private void Break(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _state, (int)ConnectionState.Broken, (int)ConnectionState.Busy) == (int)ConnectionState.Busy)
        {
            _brokenBecause = reason.Message;
            _channel.Abort();
        }
    }

    private async Task<MariaDbRow?> QueryFirstRowAsync(SqlStatement sql, CancellationToken cancellationToken)
    {
        var deadline = Deadline.Start(Options.CommandTimeout, IoOperation.Query);
        await StartAsync(sql, deadline, cancellationToken);
        try
        {
            MariaDbRow? first = null;
            if (await _results.NextResultSetAsync(deadline, cancellationToken) && await _results.ReadRowAsync(deadline, cancellationToken))
                first = _results.CopyRow();
            while (await _results.NextResultSetAsync(deadline, cancellationToken))
            {
            }
            return first;
        }
        finally
        {
            EndCommand();
        }
    }

    private ValueTask StartAsync(SqlStatement sql, Deadline deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return StartAsync(CommandCode.Query, sql, deadline, cancellationToken);
    }

    private async ValueTask StartAsync(CommandCode command, SqlStatement? sql, Deadline deadline, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        BeginCommand();
        _channel.ResetSequence();
        var payload = _channel.StartPayload();
        payload.WriteByte((byte)command);
        try
        {
            sql?.WriteTo(payload, (Status & MariaDbServerStatus.NoBackslashEscapes) != 0);
        }
        catch
        {
            Interlocked.CompareExchange(ref _state, (int)ConnectionState.Ready, (int)ConnectionState.Busy);
            throw;
        }
        await _results.SendAsync(deadline, cancellationToken);
    }

    private void BeginCommand()
    {
        var previous = (ConnectionState)Interlocked.CompareExchange(ref _state, (int)ConnectionState.Busy, (int)ConnectionState.Ready);
        if (previous == ConnectionState.Ready)
            return;
        throw previous switch
        {
            ConnectionState.Busy => new InvalidOperationException(
                "the connection is busy: a data reader is still open, or another call is running (a connection is not thread-safe)"),
            ConnectionState.Broken => new MariaDbConnectionException(
                $"the connection to {Server.Endpoint} is broken ({_brokenBecause}); open a new one"),
            _ => new ObjectDisposedException(nameof(MariaDbConnection)),
        };
    }
}
