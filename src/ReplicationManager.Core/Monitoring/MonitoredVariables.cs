namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// The global variables and status values a probe reads: what topology, failover, the API and the scheduler decide
/// on, and nothing more (reading all ~600 variables each tick would cost the server and repman for nothing).
/// </summary>
internal static class MonitoredVariables
{
    public static readonly IReadOnlyList<string> Variables =
    [
        "SERVER_ID", "READ_ONLY", "VERSION", "VERSION_COMMENT", "HOSTNAME", "PORT", "REPORT_HOST", "DATADIR",
        "LOG_BIN", "LOG_BIN_BASENAME", "BINLOG_FORMAT", "LOG_SLAVE_UPDATES", "SYNC_BINLOG", "EXPIRE_LOGS_DAYS",
        "GTID_DOMAIN_ID", "GTID_STRICT_MODE", "GTID_BINLOG_POS", "GTID_BINLOG_STATE", "GTID_CURRENT_POS", "GTID_SLAVE_POS",
        "GTID_MODE", "GTID_EXECUTED", "ENFORCE_GTID_CONSISTENCY", "SERVER_UUID", "SUPER_READ_ONLY",
        "EXTRA_PORT", "EXTRA_MAX_CONNECTIONS", "MAX_CONNECTIONS",
        "SLAVE_PARALLEL_THREADS", "SLAVE_PARALLEL_MODE", "RPL_SEMI_SYNC_MASTER_ENABLED", "RPL_SEMI_SYNC_SLAVE_ENABLED",
        "LOG_ERROR", "SLOW_QUERY_LOG", "SLOW_QUERY_LOG_FILE", "LONG_QUERY_TIME", "LOG_OUTPUT",
        "INNODB_BUFFER_POOL_SIZE", "WSREP_ON", "EVENT_SCHEDULER",
    ];

    public static readonly IReadOnlyList<string> Status =
    [
        "THREADS_CONNECTED", "THREADS_RUNNING", "UPTIME", "QUERIES", "CONNECTIONS", "MAX_USED_CONNECTIONS",
        "SLAVES_CONNECTED", "SLAVES_RUNNING", "ABORTED_CONNECTS", "RPL_SEMI_SYNC_MASTER_STATUS", "RPL_SEMI_SYNC_SLAVE_STATUS",
    ];

    /// <summary>The <c>IN (...)</c> list of names, quoted; the names are constants, so the text is trusted SQL.</summary>
    public static string InList(IReadOnlyList<string> names, bool lowerCase) =>
        string.Join(", ", names.Select(name => $"'{(lowerCase ? name.ToLowerInvariant() : name)}'"));
}
