using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>
/// Log verbosity: the main level on repman's scale, the module levels on replication-manager's (see
/// <see cref="LogKeys"/>), and which levels of their log the job scripts push.
/// </summary>
/// <param name="TaskLog">log-task: the job scripts' log lines are taken at all.</param>
/// <param name="TaskLevel">log-task-level as written: 1 errors, 2 warnings, 3 information, 4 debug.</param>
/// <param name="Rotation">How log-file is rotated and kept (each cluster's job script logs and collected logs: <see cref="SchedulerOptions.LogRotation"/>).</param>
public sealed record LoggingOptions(LogLevel Level, string File, bool SqlInMonitoring, LogLevel Topology, LogLevel Task, LogLevel Streams, bool TaskLog, int TaskLevel,
    LogRotation Rotation)
{
    internal static LoggingOptions From(ConfigSection section) => new(
        ToLogLevel(section.Get(LogKeys.Level)),
        section.Get(LogKeys.File),
        section.Get(LogKeys.SqlInMonitoring),
        ModuleLevel(section.Get(LogKeys.TopologyLevel)),
        ModuleLevel(section.Get(LogKeys.TaskLevel)),
        ModuleLevel(Math.Max(section.Get(LogKeys.SstLevel), section.Get(LogKeys.BackupStreamLevel))),
        section.Get(LogKeys.Task),
        section.Get(LogKeys.TaskLevel),
        LogRotation.From(section));

    /// <summary>0 errors, 1 warnings, 2 information, 3 debug, 4 and above trace.</summary>
    public static LogLevel ToLogLevel(int level) => level switch
    {
        <= 0 => LogLevel.Error,
        1 => LogLevel.Warning,
        2 => LogLevel.Information,
        3 => LogLevel.Debug,
        _ => LogLevel.Trace,
    };

    /// <summary>replication-manager's module levels: 1 (and 0) errors, 2 warnings, 3 information, 4 and above debug.</summary>
    public static LogLevel ModuleLevel(int level) => level switch
    {
        <= 1 => LogLevel.Error,
        2 => LogLevel.Warning,
        3 => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    /// <summary>Whether the job scripts push lines of this severity (1 error ... 4 debug): jobs-log-level's answer.</summary>
    public bool TakesJobLog(int severity) => TaskLog && severity >= 1 && TaskLevel >= severity;
}
