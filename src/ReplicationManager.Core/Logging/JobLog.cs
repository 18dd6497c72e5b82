using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Logging;

/// <summary>Log lines of the job engine (event ids 3100-3199).</summary>
internal static partial class JobLog
{
    [LoggerMessage(3101, LogLevel.Information, "Job {Task} on {Server} of {Cluster} dispatched (job {JobId})")]
    public static partial void Enqueued(ILogger logger, string task, ServerAddress server, string cluster, long jobId);

    [LoggerMessage(3102, LogLevel.Information, "Job {Task} on {Server} of {Cluster} started by repman (job {JobId})")]
    public static partial void LocalStarted(ILogger logger, string task, ServerAddress server, string cluster, long jobId);

    [LoggerMessage(3103, LogLevel.Debug, "Job {Task} on {Server} of {Cluster}: receiver listening on {Endpoint}")]
    public static partial void ReceiverOpened(ILogger logger, string task, ServerAddress server, string cluster, string endpoint);

    [LoggerMessage(3104, LogLevel.Information, "Job {Task} on {Server} of {Cluster} picked up by the job script ({State})")]
    public static partial void Picked(ILogger logger, string task, ServerAddress server, string cluster, string state);

    [LoggerMessage(3105, LogLevel.Information, "Job {Task} on {Server} of {Cluster}: received {Bytes} bytes into {Path}")]
    public static partial void StreamReceived(ILogger logger, string task, ServerAddress server, string cluster, long bytes, string path);

    [LoggerMessage(3106, LogLevel.Information, "Job {Task} on {Server} of {Cluster} succeeded (job {JobId})")]
    public static partial void Succeeded(ILogger logger, string task, ServerAddress server, string cluster, long jobId);

    [LoggerMessage(3107, LogLevel.Warning, "Job {Task} on {Server} of {Cluster} ended in {State} (job {JobId}): {Result}")]
    public static partial void Failed(ILogger logger, string task, ServerAddress server, string cluster, long jobId, string state, string result);

    [LoggerMessage(3108, LogLevel.Warning, "Jobs of {Server} of {Cluster} not read this tick: {Reason}")]
    public static partial void PollFailed(ILogger logger, ServerAddress server, string cluster, string reason);

    [LoggerMessage(3109, LogLevel.Warning, "Job {Task} on {Server} of {Cluster}: the jobs table could not be updated: {Reason}; the row is written again once the server answers")]
    public static partial void RowNotUpdated(ILogger logger, string task, ServerAddress server, string cluster, string reason);

    [LoggerMessage(3110, LogLevel.Warning, "Job {Task} on {Server} of {Cluster} (job {JobId}) aborted: replication-manager restarted mid-task")]
    public static partial void AbortedAfterRestart(ILogger logger, string task, ServerAddress server, string cluster, long jobId);

    [LoggerMessage(3112, LogLevel.Warning, "Job {Task} on {Server} of {Cluster} (job {JobId}, {State}) was driven by an earlier repman process and cannot finish: ended in error")]
    public static partial void AbandonedRowEnded(ILogger logger, string task, ServerAddress server, string cluster, long jobId, string state);

    [LoggerMessage(3113, LogLevel.Information, "Jobs table of {Server} of {Cluster} migrated: {Change}")]
    public static partial void TableMigrated(ILogger logger, ServerAddress server, string cluster, string change);

    [LoggerMessage(3111, LogLevel.Warning, "Job {Task} on {Server} of {Cluster}: the row could not be ended after the restart: {Reason}")]
    public static partial void RecoveryRowNotUpdated(ILogger logger, string task, ServerAddress server, string cluster, string reason);

    [LoggerMessage(3126, LogLevel.Warning, "Jobs table of {Server} of {Cluster} not reached at start: {Reason}; rows a stopped repman left in flight there end when it is first reached")]
    public static partial void JobsTableNotReachedAtStart(ILogger logger, ServerAddress server, string cluster, string reason);

    [LoggerMessage(3114, LogLevel.Error, "Job {Task} on {Server} of {Cluster} (job {JobId}): the job history could not be saved: {Reason}")]
    public static partial void HistoryNotSaved(ILogger logger, string task, ServerAddress server, string cluster, long jobId, string reason);

    [LoggerMessage(3125, LogLevel.Error, "The job history of {Server} of {Cluster} could not be saved (it stays in memory; the next save writes it): {Reason}")]
    public static partial void ServerHistoryNotSaved(ILogger logger, ServerAddress server, string cluster, string reason);

    [LoggerMessage(3115, LogLevel.Information, "Cookie {Cookie} of {Server} of {Cluster} removed: no job of this process waits on it")]
    public static partial void StaleCookieRemoved(ILogger logger, string cookie, ServerAddress server, string cluster);

    [LoggerMessage(3116, LogLevel.Warning, "Cookie {Cookie} of {Server} of {Cluster} could not be removed: {Reason}")]
    public static partial void CookieNotRemoved(ILogger logger, string cookie, ServerAddress server, string cluster, string reason);

    [LoggerMessage(3117, LogLevel.Information, "Jobs of {Cluster} now reach the job script in {Mode} mode")]
    public static partial void ModeSwitched(ILogger logger, string cluster, string mode);

    [LoggerMessage(3118, LogLevel.Warning, "Backup metadata {Path} of {Server} not written: {Reason}")]
    public static partial void BackupMetadataNotWritten(ILogger logger, string path, ServerAddress server, string reason);

    [LoggerMessage(3119, LogLevel.Warning, "Jobs table of {Server} of {Cluster} kept for API mode: {Reason}")]
    public static partial void JobsTableKept(ILogger logger, ServerAddress server, string cluster, string reason);

    [LoggerMessage(3120, LogLevel.Information, "Jobs table of {Server} of {Cluster} dropped: jobs reach the script through the API")]
    public static partial void JobsTableDropped(ILogger logger, ServerAddress server, string cluster);

    [LoggerMessage(3121, LogLevel.Information, "Job script of {Server} of {Cluster} checked: {Outcome}")]
    public static partial void ScriptChecked(ILogger logger, ServerAddress server, string cluster, string outcome);

    [LoggerMessage(3122, LogLevel.Information, "Job script on {Server} of {Cluster} exited {Exit} after {Seconds:0.#}s")]
    public static partial void ScriptRan(ILogger logger, ServerAddress server, string cluster, string exit, double seconds);

    [LoggerMessage(3123, LogLevel.Warning, "SSH host key of {Server} of {Cluster} pinned at first contact: {Fingerprint} (in {File})")]
    public static partial void HostKeyPinned(ILogger logger, ServerAddress server, string cluster, string fingerprint, string file);

    [LoggerMessage(3124, LogLevel.Error, "SSH to {Server} of {Cluster} refused: {Reason}")]
    public static partial void HostKeyRefused(ILogger logger, ServerAddress server, string cluster, string reason);

    [LoggerMessage(3127, LogLevel.Information, "{Count} collections of {Task} of {Server} of {Cluster} older than log-rotate-max-age removed")]
    public static partial void CollectionsPruned(ILogger logger, int count, string task, ServerAddress server, string cluster);

    [LoggerMessage(3128, LogLevel.Warning, "Old collections of {Task} of {Server} of {Cluster} not removed: {Reason}")]
    public static partial void CollectionsNotPruned(ILogger logger, string task, ServerAddress server, string cluster, string reason);
}
