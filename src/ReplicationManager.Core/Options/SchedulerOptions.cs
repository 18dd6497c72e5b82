using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Options.Keys;
using ReplicationManager.Core.Scheduling;

namespace ReplicationManager.Core.Options;

/// <summary>The cluster scheduler, its tasks, and how jobs are dispatched and received.</summary>
/// <param name="LogRotation">log-rotate-*: how the job scripts' logs rotate, and how long collected logs are kept.</param>
public sealed record SchedulerOptions(
    bool Enabled,
    ScheduledTask LogicalBackup,
    ScheduledTask PhysicalBackup,
    ScheduledTask Logs,
    ScheduledTask LogsTableRotate,
    ScheduledTask Optimize,
    ScheduledTask Analyze,
    ScheduledTask RollingRestart,
    ScheduledTask RollingReprov,
    ScheduledTask JobsSsh,
    ScheduledTask AlertDisable,
    ScheduledTask RestoreCheck,
    CronExpression SlaRotate,
    TimeSpan AlertDisableTime,
    int LogsTableKeep,
    JobMode JobsMode,
    IReadOnlyList<string> ExecRemote,
    IReadOnlyList<int> SenderPorts,
    IReadOnlyList<int> ReceiverPorts,
    bool ReceiverUseSsl,
    int LogBatchSize,
    int SstSendBuffer,
    int SstSendMaxRate,
    bool OptimizeUseSql,
    bool AnalyzeUseSql,
    JobTimeouts Timeouts,
    int HistoryKeep,
    TimeSpan JobsSshTimeout,
    LogRotation LogRotation)
{
    /// <summary>The tasks that may be sent to the job script although repman can run them itself.</summary>
    public static IReadOnlyList<string> RemotableTasks { get; } = ["mysqldump", "mydumper", "optimize", "stop", "start", "restart"];

    /// <summary>Every scheduled task, in the order of the spec's table.</summary>
    public IReadOnlyList<ScheduledTask> Tasks =>
        [LogicalBackup, PhysicalBackup, Logs, LogsTableRotate, Optimize, Analyze, RollingRestart, RollingReprov, JobsSsh, AlertDisable, RestoreCheck];

    /// <summary>Tools of backup-logical-type that replication-manager knows and repman does not run.</summary>
    internal static IReadOnlyList<string> UnsupportedLogicalTools { get; } = ["river", "dumpling"];

    // What replication-manager starts with, repman starts with too: a logical backup tool it cannot run turns the
    // scheduled logical backup off, with the reason, instead of refusing the whole configuration.
    private static ScheduledTask LogicalBackupFrom(ConfigSection section)
    {
        var task = ScheduledTask.From(section, SchedulerKeys.LogicalBackup, SchedulerKeys.LogicalBackupCron);
        var tool = section.Get(BackupKeys.LogicalType);
        return UnsupportedLogicalTools.Contains(tool)
            ? task with { Enabled = false, DisabledBecause = $"backup-logical-type = {tool}: repman runs logical backups with mysqldump or mydumper only" }
            : task;
    }

    internal static SchedulerOptions From(ConfigSection section) => new(
        section.Get(SchedulerKeys.Enabled),
        LogicalBackupFrom(section),
        ScheduledTask.From(section, SchedulerKeys.PhysicalBackup, SchedulerKeys.PhysicalBackupCron),
        ScheduledTask.From(section, SchedulerKeys.Logs, SchedulerKeys.LogsCron),
        ScheduledTask.From(section, SchedulerKeys.LogsTableRotate, SchedulerKeys.LogsTableRotateCron),
        ScheduledTask.From(section, SchedulerKeys.Optimize, SchedulerKeys.OptimizeCron),
        ScheduledTask.From(section, SchedulerKeys.Analyze, SchedulerKeys.AnalyzeCron),
        ScheduledTask.From(section, SchedulerKeys.RollingRestart, SchedulerKeys.RollingRestartCron),
        ScheduledTask.From(section, SchedulerKeys.RollingReprov, SchedulerKeys.RollingReprovCron),
        ScheduledTask.From(section, SchedulerKeys.JobsSsh, SchedulerKeys.JobsSshCron),
        ScheduledTask.From(section, SchedulerKeys.AlertDisable, SchedulerKeys.AlertDisableCron),
        ScheduledTask.From(section, SchedulerKeys.RestoreCheck, SchedulerKeys.RestoreCheckCron),
        section.Get(SchedulerKeys.SlaRotateCron),
        section.Get(SchedulerKeys.AlertDisableTime),
        section.Get(SchedulerKeys.LogsTableKeep),
        section.Get(SchedulerKeys.JobsMode) == "api" ? JobMode.Api : JobMode.Sql,
        section.Get(SchedulerKeys.JobsExecRemote).Select(task => task.ToLowerInvariant()).ToList(),
        section.Get(SchedulerKeys.SenderPorts),
        section.Get(SchedulerKeys.ReceiverPorts),
        section.Get(SchedulerKeys.ReceiverUseSsl),
        section.Get(SchedulerKeys.LogBatchSize),
        section.Get(SchedulerKeys.SstSendBuffer),
        section.Get(SchedulerKeys.SstSendMaxRate),
        section.Get(SchedulerKeys.OptimizeUseSql),
        section.Get(SchedulerKeys.AnalyzeUseSql),
        new JobTimeouts(
            section.Get(SchedulerKeys.JobStartTimeout),
            section.Get(SchedulerKeys.StreamAcceptTimeout),
            section.Get(SchedulerKeys.StreamIdleTimeout),
            section.Get(SchedulerKeys.PostJobTimeout),
            section.Get(SchedulerKeys.PortWaitTimeout)),
        section.Get(SchedulerKeys.JobHistoryKeep),
        section.Get(SchedulerKeys.JobsSshTimeout),
        LogRotation.From(section));
}
