namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The canonical task names, shared by repman, the job script, the API and the docs (DECISIONS 3): one spelling each.
/// </summary>
public static class JobTasks
{
    public const string Mariabackup = "mariabackup";
    public const string Xtrabackup = "xtrabackup";
    public const string ErrorLog = "errorlog";
    public const string SlowQuery = "slowquery";
    public const string AuditLog = "auditlog";
    public const string Optimize = "optimize";
    public const string ReseedMariabackup = "reseedmariabackup";
    public const string ReseedXtrabackup = "reseedxtrabackup";
    public const string FlashbackMariabackup = "flashbackmariabackup";
    public const string FlashbackXtrabackup = "flashbackxtrabackup";
    public const string ZfsSnapback = "zfssnapback";
    public const string Stop = "stop";
    public const string Start = "start";
    public const string Restart = "restart";
    public const string Mysqldump = "mysqldump";
    public const string Mydumper = "mydumper";
    public const string Analyze = "analyze";
    public const string LogRotate = "logrotate";
    public const string Checksum = "checksum";
    public const string SchemaMonitor = "schemamonitor";

    /// <summary>A logical reseed repman runs itself: a stored dump, or a dump of the primary, restored over SQL (replication-manager's name).</summary>
    public const string ReseedMysqldump = "reseedmysqldump";

    /// <summary>A backup restored into a scratch server on the repman host and compared with the primary (repman).</summary>
    public const string RestoreCheck = "restorecheck";

    /// <summary>A run of the job script on the database host over SSH (scheduler-jobs-ssh, actions/run-jobs).</summary>
    public const string DbJobs = "dbjobs";

    /// <summary>Tasks the job script runs on the database host.</summary>
    public static IReadOnlySet<string> Remote { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Mariabackup, Xtrabackup, ErrorLog, SlowQuery, AuditLog, Optimize, ReseedMariabackup, ReseedXtrabackup,
        FlashbackMariabackup, FlashbackXtrabackup, ZfsSnapback, Stop, Start, Restart, Mysqldump, Mydumper,
    };

    /// <summary>Tasks repman runs itself, over SQL or with local binaries.</summary>
    public static IReadOnlySet<string> Local { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Mysqldump, Mydumper, Analyze, LogRotate, Checksum, SchemaMonitor, Optimize, DbJobs, ReseedMysqldump, RestoreCheck,
    };

    /// <summary>Remote tasks whose output the script streams back to a repman receiver.</summary>
    public static IReadOnlySet<string> Streaming { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Mariabackup, Xtrabackup, ErrorLog, SlowQuery, AuditLog, Mysqldump, Mydumper,
    };

    /// <summary>Database logs the script sends as streams (only what is new since the last run).</summary>
    public static IReadOnlySet<string> Logs { get; } = new HashSet<string>(StringComparer.Ordinal) { ErrorLog, SlowQuery, AuditLog };

    /// <summary>Remote tasks whose stream is a backup (kept under Backups/), as opposed to a log.</summary>
    public static IReadOnlySet<string> Backups { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Mariabackup, Xtrabackup, Mysqldump, Mydumper,
    };

    public static bool IsKnown(string task) => Remote.Contains(task) || Local.Contains(task);
}
