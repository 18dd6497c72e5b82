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

    /// <summary>
    /// What the topology and failover decide on and what moves: read every tick. The other variables and the status
    /// values are read at connect and then on a slower cadence (<see cref="ServerProbe"/>).
    /// </summary>
    private static readonly string[] MariaDbEveryTick =
        ["SERVER_ID", "READ_ONLY", "GTID_BINLOG_POS", "GTID_BINLOG_STATE", "GTID_CURRENT_POS", "GTID_SLAVE_POS"];

    private static readonly string[] MySqlEveryTick = ["SERVER_ID", "READ_ONLY", "SUPER_READ_ONLY", "GTID_EXECUTED"];

    private static readonly string[] MySqlOnly = ["GTID_MODE", "GTID_EXECUTED", "ENFORCE_GTID_CONSISTENCY", "SERVER_UUID", "SUPER_READ_ONLY"];

    /// <summary>Variables that <c>SELECT @@GLOBAL.name</c> returns as 0 or 1 and SHOW VARIABLES as OFF or ON.</summary>
    private static readonly HashSet<string> Booleans = new(StringComparer.OrdinalIgnoreCase)
    {
        "READ_ONLY", "LOG_BIN", "LOG_SLAVE_UPDATES", "SLOW_QUERY_LOG", "GTID_STRICT_MODE", "SUPER_READ_ONLY",
        "RPL_SEMI_SYNC_MASTER_ENABLED", "RPL_SEMI_SYNC_SLAVE_ENABLED", "WSREP_ON",
    };

    /// <summary>Variables of type double: a UNION renders them as "1" where SHOW VARIABLES writes "1.000000".</summary>
    private static readonly HashSet<string> Doubles = new(StringComparer.OrdinalIgnoreCase) { "LONG_QUERY_TIME", "EXPIRE_LOGS_DAYS" };

    private static readonly string[] CommonStatus =
    [
        "THREADS_CONNECTED", "THREADS_RUNNING", "UPTIME", "QUERIES", "CONNECTIONS", "MAX_USED_CONNECTIONS",
        "SLAVES_CONNECTED", "SLAVES_RUNNING", "ABORTED_CONNECTS", "RPL_SEMI_SYNC_MASTER_STATUS", "RPL_SEMI_SYNC_SLAVE_STATUS",
        // For the graphs (graphite-metrics' minimal template): same statement, a few more rows.
        "QUESTIONS", "COM_SELECT", "COM_INSERT", "COM_UPDATE", "COM_DELETE", "COM_COMMIT", "BYTES_RECEIVED", "BYTES_SENT",
        "SLOW_QUERIES", "INNODB_ROW_LOCK_WAITS",
    ];

    /// <summary>MariaDB's current binary log file and position (SHOW MASTER STATUS's, read with the other values).</summary>
    public const string BinlogFile = "BINLOG_SNAPSHOT_FILE";

    public const string BinlogOffset = "BINLOG_SNAPSHOT_POSITION";

    private static readonly string[] MariaDbStatus = [.. CommonStatus, BinlogFile, BinlogOffset];

    private static readonly HashSet<string> StatusNames = new([.. MariaDbStatus], StringComparer.OrdinalIgnoreCase);

    /// <summary>Every name the probe reads, of any flavor.</summary>
    public static IEnumerable<string> AllNames => [.. Common, .. MariaDbOnly, .. MySqlOnly, .. MariaDbStatus];

    /// <summary>The status values read from a server of this flavor.</summary>
    public static IReadOnlyList<string> Status(ServerFlavor flavor) => flavor == ServerFlavor.MariaDb ? MariaDbStatus : CommonStatus;

    /// <summary>Whether a name of the probe's name-value rows is a status value (otherwise a variable).</summary>
    public static bool IsStatus(string name) => StatusNames.Contains(name);

    /// <summary>The variables read every tick from a server of this flavor (a subset of <see cref="Variables"/>).</summary>
    public static IReadOnlyList<string> EveryTick(ServerFlavor flavor) => flavor == ServerFlavor.MySql ? MySqlEveryTick : MariaDbEveryTick;

    /// <summary>The variables read from a server of this flavor (all of which it is expected to have).</summary>
    public static IReadOnlyList<string> Variables(ServerFlavor flavor) =>
        [.. Common, .. flavor == ServerFlavor.MySql ? MySqlOnly : MariaDbOnly];

    /// <summary>A variable's value as SHOW VARIABLES writes it (ON/OFF for booleans read as 1/0 through <c>@@</c>).</summary>
    public static string AsShown(string name, string value) =>
        Booleans.Contains(name) ? value switch { "1" => "ON", "0" => "OFF", _ => value } : value;

    /// <summary>The <c>@@GLOBAL.name AS `NAME`, ...</c> list: one row that costs the server almost nothing.</summary>
    public static string SelectList(IReadOnlyList<string> names) =>
        string.Join(", ", names.Select(name => $"@@GLOBAL.{name.ToLowerInvariant()} AS `{name}`"));

    /// <summary>The inverse of <see cref="AsShown"/>: the text <c>@@GLOBAL.name</c> returns for a value shown this way.</summary>
    public static string AsRead(string name, string shown) =>
        Booleans.Contains(name) ? shown switch { "ON" => "1", "OFF" => "0", _ => shown } : shown;

    /// <summary>The <c>IN (...)</c> list of names, quoted; the names are constants, so the text is trusted SQL.</summary>
    public static string InList(IReadOnlyList<string> names, bool lowerCase) =>
        string.Join(", ", names.Select(name => $"'{(lowerCase ? name.ToLowerInvariant() : name)}'"));

    /// <summary>
    /// <c>SELECT 'NAME', @@GLOBAL.name UNION ALL ...</c>: a name-value row per variable that costs the server almost
    /// nothing; names are constants, so the text is trusted SQL.
    /// </summary>
    public static string SelectRows(IReadOnlyList<string> names) =>
        string.Join(" UNION ALL ", names.Select(name => Doubles.Contains(name)
            ? $"SELECT '{name}', CAST(@@GLOBAL.{name.ToLowerInvariant()} AS DECIMAL(30,6))"
            : $"SELECT '{name}', @@GLOBAL.{name.ToLowerInvariant()}"));
}
