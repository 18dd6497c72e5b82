using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// The global variables and status values a probe reads: what topology, failover, the API and the scheduler decide
/// on, and nothing more. Reading all ~600 variables each tick would cost the server and repman for nothing.
/// </summary>
internal static class MonitoredVariables
{
    private static readonly string[] Common =
    [
        "SERVER_ID", "READ_ONLY", "VERSION", "VERSION_COMMENT", "HOSTNAME", "PORT", "REPORT_HOST", "DATADIR",
        "LOG_BIN", "LOG_BIN_BASENAME", "BINLOG_FORMAT", "LOG_SLAVE_UPDATES", "SYNC_BINLOG", "MAX_CONNECTIONS",
        "LOG_ERROR", "SLOW_QUERY_LOG", "SLOW_QUERY_LOG_FILE", "LONG_QUERY_TIME", "LOG_OUTPUT", "INNODB_BUFFER_POOL_SIZE",
        "EVENT_SCHEDULER",
    ];

    private static readonly string[] MariaDbOnly =
    [
        "GTID_DOMAIN_ID", "GTID_STRICT_MODE", "GTID_BINLOG_POS", "GTID_BINLOG_STATE", "GTID_CURRENT_POS", "GTID_SLAVE_POS",
        "EXTRA_PORT", "EXTRA_MAX_CONNECTIONS", "SLAVE_PARALLEL_THREADS", "SLAVE_PARALLEL_MODE", "EXPIRE_LOGS_DAYS",
        "RPL_SEMI_SYNC_MASTER_ENABLED", "RPL_SEMI_SYNC_SLAVE_ENABLED", "WSREP_ON",
        "REPLICATE_DO_DB", "REPLICATE_IGNORE_DB", "REPLICATE_DO_TABLE", "REPLICATE_IGNORE_TABLE", "REPLICATE_WILD_DO_TABLE",
        "REPLICATE_WILD_IGNORE_TABLE",
    ];

    private static readonly string[] MySqlOnly = ["GTID_MODE", "GTID_EXECUTED", "ENFORCE_GTID_CONSISTENCY", "SERVER_UUID", "SUPER_READ_ONLY"];

    /// <summary>Variables that <c>SELECT @@GLOBAL.name</c> returns as 0 or 1 and SHOW VARIABLES as OFF or ON.</summary>
    private static readonly HashSet<string> Booleans = new(StringComparer.OrdinalIgnoreCase)
    {
        "READ_ONLY", "LOG_BIN", "LOG_SLAVE_UPDATES", "SLOW_QUERY_LOG", "GTID_STRICT_MODE", "SUPER_READ_ONLY",
        "RPL_SEMI_SYNC_MASTER_ENABLED", "RPL_SEMI_SYNC_SLAVE_ENABLED", "WSREP_ON",
    };

    public static readonly IReadOnlyList<string> Status =
    [
        "THREADS_CONNECTED", "THREADS_RUNNING", "UPTIME", "QUERIES", "CONNECTIONS", "MAX_USED_CONNECTIONS",
        "SLAVES_CONNECTED", "SLAVES_RUNNING", "ABORTED_CONNECTS", "RPL_SEMI_SYNC_MASTER_STATUS", "RPL_SEMI_SYNC_SLAVE_STATUS",
        // For the graphs (graphite-metrics' minimal template): same statement, a few more rows.
        "QUESTIONS", "COM_SELECT", "COM_INSERT", "COM_UPDATE", "COM_DELETE", "COM_COMMIT", "BYTES_RECEIVED", "BYTES_SENT",
        "SLOW_QUERIES", "INNODB_ROW_LOCK_WAITS",
    ];

    /// <summary>The variables read from a server of this flavor (all of which it is expected to have).</summary>
    public static IReadOnlyList<string> Variables(ServerFlavor flavor) =>
        [.. Common, .. flavor == ServerFlavor.MySql ? MySqlOnly : MariaDbOnly];

    /// <summary>A variable's value as SHOW VARIABLES writes it (ON/OFF for booleans read as 1/0 through <c>@@</c>).</summary>
    public static string AsShown(string name, string value) =>
        Booleans.Contains(name) ? value switch { "1" => "ON", "0" => "OFF", _ => value } : value;

    /// <summary>The <c>IN (...)</c> list of names, quoted; the names are constants, so the text is trusted SQL.</summary>
    public static string InList(IReadOnlyList<string> names, bool lowerCase) =>
        string.Join(", ", names.Select(name => $"'{(lowerCase ? name.ToLowerInvariant() : name)}'"));

    /// <summary>The <c>@@GLOBAL.name AS NAME, ...</c> list; one row that costs the server almost nothing.</summary>
    public static string SelectList(IReadOnlyList<string> names) =>
        string.Join(", ", names.Select(name => $"@@GLOBAL.{name.ToLowerInvariant()} AS `{name}`"));
}
