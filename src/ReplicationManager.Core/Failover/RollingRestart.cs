using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Failover;

/// <summary>
/// Carries out a rolling restart: each replica restarted and back in sync (its monitoring reads it as Slave, 0 s
/// behind, after the restart) before the next; then a switchover, the old primary restarted the same way, and a
/// switchover back when it is the first preferred master. Any failure stops it there, saying where; nothing is
/// undone (every server it touched is in sync or named).
/// </summary>
internal sealed class RollingRestart(
    FailoverCoordinator coordinator,
    IClusterRegistry registry,
    IServerRestart restarter,
    IReadOnlyList<ServerAddress> preferredMasters,
    TimeProvider timeProvider,
    ILogger logger)
{
    private static readonly TimeSpan InSyncTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private RollingRestartStatus _status = new(DateTimeOffset.MinValue, false, []);

    public RollingRestartStatus Status => Volatile.Read(ref _status);

    public async Task RunAsync(IReadOnlyList<ServerAddress> replicas, ServerAddress primary, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _status, new RollingRestartStatus(timeProvider.GetUtcNow(), true, []));
        try
        {
            foreach (var replica in replicas)
                await RestartInSyncAsync(replica, cancellationToken);
            var newPrimary = await SwitchoverAsync(null, cancellationToken);
            await RestartInSyncAsync(primary, cancellationToken);
            if (preferredMasters.Count > 0 && preferredMasters[0] == primary && newPrimary != primary)
                await SwitchoverAsync(primary, cancellationToken);
            End(null);
        }
        catch (Exception ex) when (ex is RestartFailedException or StepFailedException or OperationCanceledException)
        {
            End(ex is OperationCanceledException ? "cancelled" : ex.Message);
            FailoverLog.Gate(logger, coordinator.Cluster, $"rolling restart stopped: {Status.Error}");
        }
    }

    private async Task RestartInSyncAsync(ServerAddress server, CancellationToken cancellationToken)
    {
        await StepAsync($"restart {server}", async () =>
        {
            await restarter.RestartAsync(server, cancellationToken);
            return "restarted by the job script";
        });
        var restarted = timeProvider.GetUtcNow();
        await StepAsync($"wait until {server} is in sync", async () =>
        {
            var waiting = timeProvider.GetTimestamp();
            while (registry.GetSnapshot(coordinator.Cluster)?.Find(server) is not { State: ServerState.Slave or ServerState.Relay } seen
                || seen.LastSeen <= restarted || seen.Replication?.SecondsBehindMaster is not 0)
            {
                if (timeProvider.GetElapsedTime(waiting) > InSyncTimeout)
                    throw new StepFailedException($"{server} is not back in sync {InSyncTimeout.TotalMinutes:0} min after its restart");
                await Task.Delay(Poll, timeProvider, cancellationToken);
            }
            return "replicating, 0 s behind";
        });
    }

    private async Task<ServerAddress> SwitchoverAsync(ServerAddress? to, CancellationToken cancellationToken)
    {
        ServerAddress? candidate = null;
        await StepAsync(to is null ? "switchover" : $"switchover back to {to}", async () =>
        {
            var (plan, outcome) = await coordinator.RunAsync(PrimaryChangeKind.Switchover, to, cancellationToken);
            if (outcome is not { Succeeded: true })
                throw new StepFailedException($"switchover {(outcome is null ? "refused: " + string.Join("; ", plan.Refusals) : $"failed: {outcome.Error}")}");
            candidate = plan.Candidate;
            return $"{plan.Candidate} is the primary";
        });
        return candidate!;
    }

    private async Task StepAsync(string step, Func<Task<string>> work)
    {
        var started = timeProvider.GetTimestamp();
        string outcome;
        try
        {
            outcome = await work();
        }
        catch (Exception ex) when (ex is RestartFailedException or StepFailedException)
        {
            Add(new RollingStep(step, "failed: " + ex.Message, timeProvider.GetElapsedTime(started).TotalMilliseconds));
            throw;
        }
        Add(new RollingStep(step, outcome, timeProvider.GetElapsedTime(started).TotalMilliseconds));
    }

    private void Add(RollingStep step)
    {
        var status = Status;
        Volatile.Write(ref _status, status with { Steps = [.. status.Steps, step] });
    }

    private void End(string? error)
    {
        var status = Status;
        Volatile.Write(ref _status, status with { Running = false, Ended = timeProvider.GetUtcNow(), Error = error });
    }
}
