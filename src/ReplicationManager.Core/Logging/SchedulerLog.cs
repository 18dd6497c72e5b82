using Microsoft.Extensions.Logging;

namespace ReplicationManager.Core.Logging;

/// <summary>Log lines of the cluster scheduler and the job engine (event ids 3000-3999).</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(3001, LogLevel.Information, "Scheduled task {Task} of {Cluster} started")]
    public static partial void TaskStarted(ILogger logger, string task, string cluster);

    [LoggerMessage(3002, LogLevel.Warning, "Scheduled task {Task} of {Cluster} skipped: {Reason}")]
    public static partial void TaskSkipped(ILogger logger, string task, string cluster, string reason);

    [LoggerMessage(3004, LogLevel.Warning, "Scheduled task {Task} of {Cluster}: a job was refused: {Refusal}")]
    public static partial void JobRefused(ILogger logger, string cluster, string task, string refusal);

    [LoggerMessage(3003, LogLevel.Error, "Scheduled task {Task} of {Cluster} failed")]
    public static partial void TaskFailed(ILogger logger, string task, string cluster, Exception exception);
}
