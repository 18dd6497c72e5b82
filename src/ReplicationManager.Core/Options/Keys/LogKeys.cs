using static ReplicationManager.Core.Options.ConfigScope;

namespace ReplicationManager.Core.Options.Keys;

/// <summary>Log verbosity: 0 errors, 1 warnings, 2 information (state changes), 3 debug (every probe), 4 trace.</summary>
public static class LogKeys
{
    public static readonly ConfigKey<int> Level = Define.Int("log-level", 2, 0, 7,
        "Verbosity of the main log: 0 errors, 1 warnings, 2 information, 3 debug, 4 and above trace.", Global);

    public static readonly ConfigKey<string> File = Define.Path("log-file", "",
        "Also write the log to this file.", Global).AlsoNamed("logfile");

    public static readonly ConfigKey<bool> SqlInMonitoring = Define.Bool("log-sql-in-monitoring", false,
        "Log every SQL statement the monitoring sends (at debug level).", Global);

    public static readonly ConfigKey<int> TopologyLevel = Define.Int("log-topology-level", 2, 0, 7,
        "Verbosity of topology discovery messages.", Global);

    public static readonly ConfigKey<int> TaskLevel = Define.Int("log-task-level", 3, 0, 7,
        "Verbosity of database job messages.", Global);

    public static readonly ConfigKey<int> SstLevel = Define.Int("log-sst-level", 1, 0, 7,
        "Verbosity of stream receiver (SST and backup stream) messages.", Global);

    public static readonly ConfigKey<int> BackupStreamLevel = Define.Int("log-backup-stream-level", 4, 0, 7,
        "Verbosity of backup stream messages.", Global);
}
