namespace ReplicationManager.Core.Scheduling;

/// <summary>Starts a scheduled task on a cluster; the returned task completes when the task's work is over.</summary>
public interface IScheduledTaskRunner
{
    Task RunAsync(string cluster, string task, CancellationToken cancellationToken);
}
