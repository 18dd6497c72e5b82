using ReplicationManager.MariaDb.Io;
using ReplicationManager.MariaDb.Protocol;

namespace ReplicationManager.MariaDb;

/// <summary>
/// One session with a MariaDB or MySQL server over the client/server protocol (text protocol, UTF-8). Not
/// thread-safe: one call at a time. A timeout, a cancellation or a lost connection in the middle of a call breaks the
/// connection (<see cref="IsBroken"/>); a server error (<see cref="MariaDbException"/> with an ErrorCode) does not.
/// A statement abandoned by a timeout or a cancellation is stopped on the server too, with <c>KILL QUERY</c> through a
/// side connection, before the call's exception reaches the caller: closing the socket alone would leave it running
/// (a forgotten <c>FLUSH TABLES WITH READ LOCK</c> would keep freezing the server).
/// </summary>
public sealed class MariaDbConnection : IAsyncDisposable
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(1);

    private readonly PacketChannel _channel;
    private readonly ResultStream _results;
    private readonly Func<Deadline, CancellationToken, Task<Transport>> _connect;
    private int _state;
    private string? _brokenBecause;
    private Task? _statementStop;

    private MariaDbConnection(PacketChannel channel, MariaDbConnectOptions options, MariaDbServerInfo server, MariaDbServerStatus status,
        Func<Deadline, CancellationToken, Task<Transport>> connect)
    {
        _channel = channel;
        _connect = connect;
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

    /// <summary>
    /// What became of the statement a timeout or a cancellation abandoned: null when none was, else whether
    /// <c>KILL QUERY</c> stopped it or why it could not be sent (the statement may then still run on the server).
    /// </summary>
    public string? AbandonedStatement { get; private set; }

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
            return new MariaDbConnection(channel, options, server, status, connect);
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
        catch
        {
            await StatementStoppedAsync();
            throw;
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
            if (!await _results.NextResultSetAsync(deadline, cancellationToken))
                return [];
            var rows = _results.CreateRowStore();
            while (await _results.ReadRowAsync(deadline, cancellationToken))
                _results.CopyRowTo(rows);
            while (await _results.NextResultSetAsync(deadline, cancellationToken))
            {
            }
            return rows;
        }
        catch
        {
            await StatementStoppedAsync();
            throw;
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
        var deadline = Deadline.Start(Options.CommandTimeout, IoOperation.Query);
        await StartAsync(sql, deadline, cancellationToken);
        RowStore? first = null;
        try
        {
            if (await _results.NextResultSetAsync(deadline, cancellationToken) && await _results.ReadRowAsync(deadline, cancellationToken))
            {
                first = _results.CreateRowStore();
                _results.CopyRowTo(first);
            }
            while (await _results.NextResultSetAsync(deadline, cancellationToken))
            {
            }
        }
        catch
        {
            await StatementStoppedAsync();
            throw;
        }
        finally
        {
            EndCommand();
        }
        if (first is not null)
            return first[0][0].Get<T>();
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
            await StatementStoppedAsync();
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
        catch
        {
            await StatementStoppedAsync();
            throw;
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
        await StatementStoppedAsync();
        if (previous == ConnectionState.Ready)
        {
            try
            {
                _channel.ResetSequence();
                _channel.StartPayload().WriteByte((byte)CommandCode.Quit);
                await _channel.SendAsync(Deadline.Start(QuitTimeout, IoOperation.Quit), CancellationToken.None);
            }
            catch (Exception ex) when (ex is MariaDbException or OperationCanceledException)
            {
                // The server is gone already; closing the socket is all that is left to do. Disposing never throws.
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

    /// <summary>Completes once a statement abandoned mid-call was stopped on the server, or could not be; never throws.</summary>
    internal Task StatementStoppedAsync() => _statementStop ?? Task.CompletedTask;

    private void Break(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _state, (int)ConnectionState.Broken, (int)ConnectionState.Busy) == (int)ConnectionState.Busy)
        {
            _brokenBecause = reason.Message;
            _channel.Abort();
            // A lost connection took its session with it; a timeout or a cancellation only left the statement alone.
            if ((reason is MariaDbTimeoutException or OperationCanceledException) && Options.StatementStopTimeout > TimeSpan.Zero)
                _statementStop = Task.Run(StopStatementOnServerAsync);
        }
    }

    /// <summary>
    /// <c>KILL QUERY</c> of this session's statement from a side connection opened like this one, bounded by
    /// StatementStopTimeout and this connection's own timeouts. KILL QUERY rather than KILL: the session then reads the
    /// closed socket and ends by itself, releasing what it held.
    /// </summary>
    private async Task StopStatementOnServerAsync()
    {
        var bound = Min(Min(Options.ConnectTimeout, Options.CommandTimeout), Options.StatementStopTimeout);
        var id = Server.ConnectionId;
        try
        {
            await using var side = await OpenAsync(Options with { ConnectTimeout = bound, CommandTimeout = bound }, _connect, CancellationToken.None);
            await side.ExecuteAsync($"KILL QUERY {id}", CancellationToken.None);
            AbandonedStatement = $"stopped on the server (KILL QUERY {id})";
        }
        catch (MariaDbException ex) when (ex.ErrorCode == MariaDbErrorCodes.NoSuchThread)
        {
            AbandonedStatement = $"had already ended on the server (KILL QUERY {id}: unknown thread)";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever went wrong here must not replace the exception of the call that abandoned the statement.
            AbandonedStatement = $"may still run on the server: KILL QUERY {id} failed: {ex.Message}";
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;

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
        try
        {
            await _results.SendAsync(deadline, cancellationToken);
        }
        catch
        {
            await StatementStoppedAsync();
            throw;
        }
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
