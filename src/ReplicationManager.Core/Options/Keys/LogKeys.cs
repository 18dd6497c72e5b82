using static ReplicationManager.Core.Options.ConfigScope;

namespace ReplicationManager.Core.Options.Keys;

/// <summary>
/// Log verbosity. The main <c>log-level</c>: 0 errors, 1 warnings, 2 information (state changes), 3 debug (every probe),
/// 4 trace. The module levels (<c>log-task-level</c>...) count as replication-manager's modules do: 1 errors, 2
/// warnings, 3 information, 4 debug.
/// </summary>
public static class LogKeys
{
    public static readonly ConfigKey<int> Level = Define.Int("log-level", 2, 0, 7,
        "Verbosity of the main log: 0 errors, 1 warnings, 2 information, 3 debug, 4 and above trace.", Global);

    public static readonly ConfigKey<string> File = Define.Path("log-file", "",
        "Also write the log to this file.", Global).AlsoNamed("logfile");

    public static readonly ConfigKey<int> RotateMaxSize = Define.Int("log-rotate-max-size", 5, 0, 1_000_000,
        "Megabytes a log file (log-file; a cluster's job script logs) may reach before it is rotated; 0 for 100.");

    public static readonly ConfigKey<int> RotateMaxBackup = Define.Int("log-rotate-max-backup", 7, 0, 100_000,
        "Rotated files kept of each log file; 0 keeps them all (within log-rotate-max-age).");

    public static readonly ConfigKey<int> RotateMaxAge = Define.Int("log-rotate-max-age", 7, 0, 36_500,
        "Days a rotated log file, and a collection of a server's error, slow query or audit log, is kept; 0 keeps them whatever their age.");

    public static readonly ConfigKey<bool> SqlInMonitoring = Define.Bool("log-sql-in-monitoring", false,
        "Log every SQL statement the monitoring sends (at debug level).", Global);

    public static readonly ConfigKey<int> TopologyLevel = Define.Int("log-topology-level", 2, 0, 7,
        "Verbosity of topology discovery messages (1 errors, 2 warnings, 3 information, 4 debug).", Global);

    public static readonly ConfigKey<bool> Task = Define.Bool("log-task", true,
        "Take the job scripts' log lines (write-log); when false, jobs-log-level answers false for every level.", Global);

    public static readonly ConfigKey<int> TaskLevel = Define.Int("log-task-level", 3, 0, 7,
        "Verbosity of database job messages, and the levels the job scripts push (jobs-log-level): 1 errors, 2 warnings, 3 information, 4 debug.", Global);

    public static readonly ConfigKey<int> SstLevel = Define.Int("log-sst-level", 1, 0, 7,
        "Verbosity of stream receiver (SST and backup stream) messages (1 errors, 2 warnings, 3 information, 4 debug).", Global);

    public static readonly ConfigKey<int> BackupStreamLevel = Define.Int("log-backup-stream-level", 4, 0, 7,
        "Verbosity of backup stream messages (1 errors, 2 warnings, 3 information, 4 debug).", Global);
}
