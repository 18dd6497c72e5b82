using ReplicationManager.Core.Scheduling;

namespace ReplicationManager.Core.Failover;

/// <summary><c>scheduler-rolling-restart</c>: a rolling restart started by the scheduler, which waits for its end.</summary>
public sealed class ScheduledRollingRestart(FailoverCoordinator coordinator, IServerRestart restarter) : IScheduledTaskRunner
{
    public async Task RunAsync(string cluster, string task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        var refusals = coordinator.StartRollingRestart(restarter);
        if (refusals.Count > 0)
            throw new InvalidOperationException($"rolling restart refused: {string.Join("; ", refusals)}");
        await coordinator.WaitForRollingRestartAsync(cancellationToken);
        if (coordinator.Rolling?.Error is { } error)
            throw new InvalidOperationException($"rolling restart stopped: {error}");
    }
}
