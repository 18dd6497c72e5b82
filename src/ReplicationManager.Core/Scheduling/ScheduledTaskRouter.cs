namespace ReplicationManager.Core.Scheduling;

/// <summary>
/// Sends each scheduled task to its runner: the jobs runner for tasks that become jobs, another for the tasks of the
/// whole cluster (the rolling restart, run by the failover wing).
/// </summary>
public sealed class ScheduledTaskRouter(IScheduledTaskRunner jobs, Func<string, IScheduledTaskRunner?> others) : IScheduledTaskRunner
{
    public Task RunAsync(string cluster, string task, CancellationToken cancellationToken) =>
        (others(task) ?? jobs).RunAsync(cluster, task, cancellationToken);
}
