using ReplicationManager.Core.Scheduling;

namespace ReplicationManager.Core.Options.Keys;

/// <summary>
/// The cluster scheduler (spec 6.1.3): a master switch, and for each task an enable key and a cron key.
/// Everything is off by default (spec 6.1.1).
/// </summary>
public static class SchedulerKeys
{
    public static readonly ConfigKey<bool> Enabled = Define.Bool("monitoring-scheduler", false,
        "Master switch of the cluster scheduler and of job tracking.");

    public static readonly ConfigKey<bool> LogicalBackup = Define.Bool("scheduler-db-servers-logical-backup", false,
        "Schedule logical backups (mysqldump or mydumper, by backup-logical-type) of the backup server or the primary.");

    public static readonly ConfigKey<CronExpression> LogicalBackupCron = Define.Cron("scheduler-db-servers-logical-backup-cron", "0 0 1 * * 6",
        "When logical backups run.");

    public static readonly ConfigKey<bool> PhysicalBackup = Define.Bool("scheduler-db-servers-physical-backup", false,
        "Schedule physical backups (mariabackup or xtrabackup stream) of the primary.");

    public static readonly ConfigKey<CronExpression> PhysicalBackupCron = Define.Cron("scheduler-db-servers-physical-backup-cron", "0 0 0 * * 0-4",
        "When physical backups run.");

    public static readonly ConfigKey<bool> Logs = Define.Bool("scheduler-db-servers-logs", false,
        "Schedule fetching the error log and slow query log of every server.");

    public static readonly ConfigKey<CronExpression> LogsCron = Define.Cron("scheduler-db-servers-logs-cron", "0 0/10 * * * *",
        "When logs are fetched.");

    public static readonly ConfigKey<bool> LogsTableRotate = Define.Bool("scheduler-db-servers-logs-table-rotate", false,
        "Schedule rotating mysql.general_log and mysql.slow_log on the primary.");

    public static readonly ConfigKey<CronExpression> LogsTableRotateCron = Define.Cron("scheduler-db-servers-logs-table-rotate-cron", "0 0 0/6 * * *",
        "When log tables are rotated.");

    public static readonly ConfigKey<int> LogsTableKeep = Define.Int("scheduler-db-servers-logs-table-keep", 12, 0, 10000,
        "Rotated log tables kept.");

    public static readonly ConfigKey<bool> Optimize = Define.Bool("scheduler-db-servers-optimize", false,
        "Schedule OPTIMIZE TABLE on the replicas.");

    public static readonly ConfigKey<CronExpression> OptimizeCron = Define.Cron("scheduler-db-servers-optimize-cron", "0 0 3 1 * 5",
        "When tables are optimized.");

    public static readonly ConfigKey<bool> Analyze = Define.Bool("scheduler-db-servers-analyze", false,
        "Schedule ANALYZE TABLE of every user table on the primary.");

    public static readonly ConfigKey<CronExpression> AnalyzeCron = Define.Cron("scheduler-db-servers-analyze-cron", "0 0 4 2 * *",
        "When tables are analyzed.");

    public static readonly ConfigKey<bool> RollingRestart = Define.Bool("scheduler-rolling-restart", false,
        "Schedule a rolling restart: replicas one at a time, then the primary after a switchover.");

    public static readonly ConfigKey<CronExpression> RollingRestartCron = Define.Cron("scheduler-rolling-restart-cron", "0 30 11 * * *",
        "When rolling restarts run.");

    public static readonly ConfigKey<bool> RestoreCheck = Define.Bool("scheduler-restore-check", false,
        "Schedule restore checks: the newest physical and logical backups restored into a scratch server on the repman host, replicated up to the primary and compared (repman).");

    public static readonly ConfigKey<CronExpression> RestoreCheckCron = Define.Cron("scheduler-restore-check-cron", "0 0 5 * * *",
        "When restore checks run (repman).");

    public static readonly ConfigKey<bool> RollingReprov = Define.Bool("scheduler-rolling-reprov", false,
        "Schedule a rolling re-provisioning.");

    public static readonly ConfigKey<CronExpression> RollingReprovCron = Define.Cron("scheduler-rolling-reprov-cron", "0 30 10 * * 5",
        "When rolling re-provisioning runs.");

    public static readonly ConfigKey<bool> JobsSsh = Define.Bool("scheduler-jobs-ssh", false,
        "Schedule running the job script on every database host over SSH.");

    public static readonly ConfigKey<CronExpression> JobsSshCron = Define.Cron("scheduler-jobs-ssh-cron", "0 * * * * *",
        "When the job script runs over SSH.");

    public static readonly ConfigKey<TimeSpan> JobsSshTimeout = Define.Seconds("scheduler-jobs-ssh-timeout", 3600, 1,
        "(repman) Seconds a run of the job script over SSH may take before it is stopped and its job ends in error.");

    public static readonly ConfigKey<bool> AlertDisable = Define.Bool("scheduler-alert-disable", false,
        "Schedule muting alerts.");

    public static readonly ConfigKey<CronExpression> AlertDisableCron = Define.Cron("scheduler-alert-disable-cron", "0 0 0 * * 0-4",
        "When alerts are muted.");

    public static readonly ConfigKey<TimeSpan> AlertDisableTime = Define.Seconds("scheduler-alert-disable-time", 3600, 1,
        "Seconds alerts stay muted.");

    public static readonly ConfigKey<CronExpression> SlaRotateCron = Define.Cron("scheduler-sla-rotate-cron", "0 0 0 1 * *",
        "When SLA counters are reset.");

    public static readonly ConfigKey<string> JobsMode = Define.OneOf("scheduler-jobs-mode", "sql", ["sql", "api"],
        "How jobs reach the job script: rows in replication_manager_schema.jobs (sql) or REST calls (api).");

    public static readonly ConfigKey<IReadOnlyList<string>> JobsExecRemote = Define.List("scheduler-jobs-exec-remote", "",
        "Tasks that normally run in repman but are sent to the job script instead (mysqldump, mydumper, optimize, stop, start, restart).");

    public static readonly ConfigKey<IReadOnlyList<int>> SenderPorts = Define.Ports("scheduler-db-servers-sender-ports", "",
        "Port pool of repman's stream receivers, one port per concurrent transfer; any free port when empty.");

    public static readonly ConfigKey<IReadOnlyList<int>> ReceiverPorts = Define.Ports("scheduler-db-servers-receiver-ports", "4444",
        "Port a joiner listens on for a reseed stream, assigned to servers in turn.");

    public static readonly ConfigKey<bool> ReceiverUseSsl = Define.Bool("scheduler-db-servers-receiver-use-ssl", false,
        "Send reseed streams to joiners over TLS.");

    public static readonly ConfigKey<int> LogBatchSize = Define.Int("scheduler-db-servers-log-batch-size", 5, 1, 10000,
        "Log lines the job script sends per write-log call.").AlsoNamed("job-log-batch-size");

    public static readonly ConfigKey<int> SstSendBuffer = Define.Int("sst-send-buffer", 16384, 1024, 16 * 1024 * 1024,
        "Bytes per write when repman sends a stream to a joiner.");

    public static readonly ConfigKey<int> SstSendMaxRate = Define.Int("sst-send-max-rate", 0, 0, 100_000,
        "MiB per second at most when repman sends a reseed's backup to a joiner, so that a reseed does not take the whole network; 0: no limit (repman).");

    public static readonly ConfigKey<bool> OptimizeUseSql = Define.Bool("optimize-use-sql", true,
        "Run optimize as SQL from repman unless optimize is listed in scheduler-jobs-exec-remote.");

    public static readonly ConfigKey<bool> AnalyzeUseSql = Define.Bool("analyze-use-sql", true,
        "Run analyze as SQL from repman.");

    public static readonly ConfigKey<TimeSpan> JobStartTimeout = Define.Seconds("scheduler-jobs-start-timeout", 3600, 1,
        "(repman) Seconds a job row may stay pending before the job ends in error.");

    public static readonly ConfigKey<TimeSpan> StreamAcceptTimeout = Define.Seconds("scheduler-jobs-stream-accept-timeout", 3600, 1,
        "(repman) Seconds a stream receiver waits for its sender to connect.");

    public static readonly ConfigKey<TimeSpan> StreamIdleTimeout = Define.Seconds("scheduler-jobs-stream-idle-timeout", 300, 1,
        "(repman) Seconds a connected stream may stay silent before the transfer fails.");

    public static readonly ConfigKey<TimeSpan> PostJobTimeout = Define.Seconds("scheduler-jobs-post-timeout", 600, 1,
        "(repman) Seconds the post-job step (recording a backup) may take.");

    public static readonly ConfigKey<TimeSpan> PortWaitTimeout = Define.Seconds("scheduler-jobs-port-wait-timeout", 3600, 1,
        "(repman) Seconds a job waits for a free receiver port of the pool.");

    public static readonly ConfigKey<int> JobHistoryKeep = Define.Int("scheduler-jobs-history-keep", 100, 1, 100000,
        "(repman) Finished jobs kept per server in the job history.");
}
