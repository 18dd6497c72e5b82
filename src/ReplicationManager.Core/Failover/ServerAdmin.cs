using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Failover;

/// <summary>
/// One session on a database server for a switchover or failover: the statements the steps run, each bounded.
/// Opened through the server's <c>extra_port</c> when it has one, so that lowering <c>max_connections</c> on the old
/// primary never locks repman out of it.
/// </summary>
internal sealed class ServerAdmin : IAsyncDisposable
{
    private readonly MariaDbConnection _connection;

    private ServerAdmin(ServerAddress address, MariaDbConnection connection, int port)
    {
        Address = address;
        _connection = connection;
        Port = port;
    }

    public ServerAddress Address { get; }

    /// <summary>The port the session went through (the extra port or the server's own).</summary>
    public int Port { get; }

    public static async Task<ServerAdmin> OpenAsync(MonitoringOptions monitoring, ServerSnapshot server, TimeSpan statementTimeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var address = server.Address;
        if (server.ExtraPort is > 0 and var extra && extra != address.Port)
        {
            try
            {
                var viaExtra = await MariaDbConnection.OpenAsync(Options(monitoring, address.Host, extra, statementTimeout), cancellationToken);
                return new ServerAdmin(address, viaExtra, extra);
            }
            catch (MariaDbException)
            {
                // An extra port that does not answer is no reason to fail: the main port may.
            }
        }
        var connection = await MariaDbConnection.OpenAsync(Options(monitoring, address.Host, address.Port, statementTimeout), cancellationToken);
        return new ServerAdmin(address, connection, address.Port);
    }

    public Task SetReadOnlyAsync(bool readOnly, CancellationToken cancellationToken) =>
        _connection.ExecuteAsync($"SET GLOBAL read_only = {(readOnly ? 1 : 0)}", cancellationToken);

    public Task<long> MaxConnectionsAsync(CancellationToken cancellationToken) =>
        _connection.QueryScalarAsync<long>($"SELECT @@GLOBAL.max_connections", cancellationToken);

    public Task SetMaxConnectionsAsync(long value, CancellationToken cancellationToken) =>
        _connection.ExecuteAsync($"SET GLOBAL max_connections = {value}", cancellationToken);

    /// <summary>Write statements (not SELECT, not SHOW) that have run for at least <paramref name="minimum"/>, as "id user: statement (N s)".</summary>
    public async Task<IReadOnlyList<string>> LongWritesAsync(TimeSpan minimum, CancellationToken cancellationToken)
    {
        var seconds = (long)minimum.TotalSeconds;
        var rows = await _connection.QueryAsync($"""
            SELECT id, user, time, LEFT(info, 120) AS info FROM information_schema.processlist
            WHERE command = 'Query' AND time >= {seconds} AND id <> CONNECTION_ID() AND info IS NOT NULL
              AND info NOT REGEXP '^[[:space:]]*(SELECT|SHOW|SET|DO)[[:space:]]'
            """, cancellationToken);
        return rows.Select(r => $"{r["id"].GetInt64()} {r["user"].GetString()}: {r["info"].GetString()} ({r["time"].GetInt64()} s)").ToList();
    }

    /// <summary>Client sessions other than this one, replication threads and system users; busy ones run a statement.</summary>
    public async Task<IReadOnlyList<(long Id, bool Busy)>> ClientSessionsAsync(CancellationToken cancellationToken)
    {
        var rows = await _connection.QueryAsync($"""
            SELECT id, command = 'Query' AS busy FROM information_schema.processlist
            WHERE id <> CONNECTION_ID() AND command NOT IN ('Binlog Dump', 'Binlog Dump GTID', 'Daemon', 'Slave_IO', 'Slave_SQL', 'Slave_worker')
              AND user NOT IN ('system user', 'event_scheduler')
            """, cancellationToken);
        return rows.Select(r => (r["id"].GetInt64(), r["busy"].GetInt64() != 0)).ToList();
    }

    public async Task KillAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            await _connection.ExecuteAsync($"KILL CONNECTION {id}", cancellationToken);
        }
        catch (MariaDbException ex) when (ex.ErrorCode == 1094)
        {
            // Unknown thread id: it ended by itself meanwhile.
        }
    }

    public Task FlushTablesWithReadLockAsync(CancellationToken cancellationToken) =>
        _connection.ExecuteAsync($"FLUSH NO_WRITE_TO_BINLOG TABLES WITH READ LOCK", cancellationToken);

    public Task UnlockTablesAsync(CancellationToken cancellationToken) => _connection.ExecuteAsync($"UNLOCK TABLES", cancellationToken);

    public async Task<GtidList> GtidBinlogPosAsync(CancellationToken cancellationToken) =>
        GtidList.ParseOrEmpty(await _connection.QueryScalarAsync<string>($"SELECT @@GLOBAL.gtid_binlog_pos", cancellationToken));

    /// <summary>The replication position: what the default connection received (Gtid_IO_Pos) and what was applied.</summary>
    public async Task<(GtidList Received, GtidList Applied)> ReplicaPositionsAsync(CancellationToken cancellationToken)
    {
        var rows = await _connection.QueryAsync($"SHOW SLAVE STATUS", cancellationToken);
        var applied = GtidList.ParseOrEmpty(await _connection.QueryScalarAsync<string>($"SELECT @@GLOBAL.gtid_slave_pos", cancellationToken));
        if (rows.Count == 0 || !rows[0].TryGetValue("Gtid_IO_Pos", out var io) || io.IsNull)
            return (applied, applied);
        return (GtidList.ParseOrEmpty(io.GetString()), applied);
    }

    /// <summary>Waits until this server applied <paramref name="position"/>; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitForGtidAsync(GtidList position, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (position.IsEmpty)
            return true;
        var result = await _connection.QueryScalarAsync<long>($"SELECT MASTER_GTID_WAIT({position.ToString()}, {timeout.TotalSeconds})", cancellationToken);
        return result == 0;
    }

    /// <summary>Counters that move while the primary streams to this replica: events received, heartbeats.</summary>
    public async Task<(bool IoRunning, string Evidence)> ReplicationLifeSignsAsync(CancellationToken cancellationToken)
    {
        var rows = await _connection.QueryAsync($"SHOW ALL SLAVES STATUS", cancellationToken);
        var row = rows.FirstOrDefault(r => r["Connection_name"].GetString().Length == 0);
        if (rows.Count == 0)
            return (false, "");
        var io = row["Slave_IO_Running"].GetString();
        var evidence = $"{row["Gtid_IO_Pos"].GetString()}/{row["Read_Master_Log_Pos"].GetString()}/{row["Slave_received_heartbeats"].GetString()}";
        return (string.Equals(io, "Yes", StringComparison.OrdinalIgnoreCase), evidence);
    }

    /// <summary>Whether the default connection's IO and SQL threads run, and the last error either reported.</summary>
    public async Task<(bool Io, bool Sql, string LastError)> ReplicationThreadsAsync(CancellationToken cancellationToken)
    {
        var rows = await _connection.QueryAsync($"SHOW SLAVE STATUS", cancellationToken);
        if (rows.Count == 0)
            return (false, false, "no replication is configured");
        var row = rows[0];
        static string Text(MariaDbValue value) => value.IsNull ? "" : value.GetString();
        static bool Yes(MariaDbValue value) => string.Equals(Text(value), "Yes", StringComparison.OrdinalIgnoreCase);
        var error = new[] { Text(row["Last_IO_Error"]), Text(row["Last_SQL_Error"]) }.FirstOrDefault(text => text.Length > 0) ?? "";
        return (Yes(row["Slave_IO_Running"]), Yes(row["Slave_SQL_Running"]), error);
    }

    /// <summary>
    /// Empties a server for a logical restore: replication stopped and forgotten, every user database dropped and its
    /// own binary log reset (none of it written to the binary log); the databases dropped.
    /// </summary>
    public async Task<IReadOnlyList<string>> EmptyForRestoreAsync(CancellationToken cancellationToken)
    {
        await _connection.ExecuteAsync($"STOP ALL SLAVES", cancellationToken);
        await _connection.ExecuteAsync($"RESET SLAVE ALL", cancellationToken);
        await _connection.ExecuteAsync($"SET SESSION sql_log_bin = 0", cancellationToken);
        var dropped = await UserDatabasesAsync(cancellationToken);
        foreach (var schema in dropped)
            await _connection.ExecuteAsync($"DROP DATABASE {Sql.Identifier(schema)}", cancellationToken);
        await _connection.ExecuteAsync($"RESET MASTER", cancellationToken);
        await _connection.ExecuteAsync($"SET GLOBAL gtid_slave_pos = ''", cancellationToken);
        return dropped;
    }

    /// <summary>The databases that are not the server's own (mysql, the schemas of information, sys).</summary>
    public async Task<IReadOnlyList<string>> UserDatabasesAsync(CancellationToken cancellationToken)
    {
        var rows = await _connection.QueryAsync(
            $"SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY SCHEMA_NAME",
            cancellationToken);
        return rows.Select(row => row["SCHEMA_NAME"].GetString()).ToList();
    }

    public async Task PromoteAsync(CancellationToken cancellationToken)
    {
        await _connection.ExecuteAsync($"STOP ALL SLAVES", cancellationToken);
        await _connection.ExecuteAsync($"RESET SLAVE ALL", cancellationToken);
        await _connection.ExecuteAsync($"SET GLOBAL read_only = 0", cancellationToken);
    }

    /// <summary>
    /// Replicates from <paramref name="source"/> with <c>MASTER_USE_GTID = slave_pos</c>, starting after
    /// <paramref name="startAfter"/> when given (an old primary's own last GTID); user and password from
    /// <c>replication-credential</c>, else those of its current connection.
    /// </summary>
    public async Task ReplicateFromAsync(ServerAddress source, Credential? replication, GtidList? startAfter, CancellationToken cancellationToken)
    {
        await _connection.ExecuteAsync($"STOP SLAVE", cancellationToken);
        if (startAfter is { IsEmpty: false })
            await _connection.ExecuteAsync($"SET GLOBAL gtid_slave_pos = {startAfter.ToString()}", cancellationToken);
        if (replication is { } credential)
            await _connection.ExecuteAsync($"""
                CHANGE MASTER TO MASTER_HOST = {source.Host}, MASTER_PORT = {source.Port}, MASTER_USER = {credential.User},
                  MASTER_PASSWORD = {credential.Password}, MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1, MASTER_HEARTBEAT_PERIOD = 1
                """, cancellationToken);
        else
            await _connection.ExecuteAsync($"""
                CHANGE MASTER TO MASTER_HOST = {source.Host}, MASTER_PORT = {source.Port}, MASTER_USE_GTID = slave_pos,
                  MASTER_CONNECT_RETRY = 1, MASTER_HEARTBEAT_PERIOD = 1
                """, cancellationToken);
        await _connection.ExecuteAsync($"START SLAVE", cancellationToken);
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private static MariaDbConnectOptions Options(MonitoringOptions monitoring, string host, int port, TimeSpan statementTimeout) =>
        DatabaseConnections.For(monitoring, host, port, statementTimeout, "repman-failover");
}
