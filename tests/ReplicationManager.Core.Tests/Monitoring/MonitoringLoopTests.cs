using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Monitoring;

/// <summary>The loop ticks on the injected clock, and state changes reach the registry's watchers.</summary>
public sealed class MonitoringLoopTests
{
    [Fact(Timeout = 10_000)]
    public async Task LoopTicksEveryTickerOfTheInjectedClock()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var lab = new LabCluster();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var loop = lab.Monitor.RunAsync(stop.Token);
        await WaitForTickAsync(lab, 1, cancellationToken);
        lab.Clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForTickAsync(lab, 2, cancellationToken);
        lab.Clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForTickAsync(lab, 3, cancellationToken);
        await stop.CancelAsync();
        await loop;

        Assert.Equal(3, lab.Probes["127.0.0.11"].Calls);
    }

    [Fact(Timeout = 10_000)]
    public async Task StateChangesReachWatchersInOrder()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var lab = new LabCluster(failCount: 2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var changes = new List<ServerStateChange>();
        var watch = lab.Registry.WatchStateChangesAsync(stop.Token);
        var watching = Task.Run(async () =>
        {
            await foreach (var change in watch)
            {
                changes.Add(change);
                if (changes.Count == 5)
                    return;
            }
        }, cancellationToken);

        await lab.TickAsync();
        lab.Probes["127.0.0.13"].Next = Readings.Refused();
        await lab.TickAsync();
        await lab.TickAsync();
        await watching.WaitAsync(cancellationToken);

        Assert.Equal(
        [
            (ServerState.Unknown, ServerState.Master), (ServerState.Unknown, ServerState.Slave), (ServerState.Unknown, ServerState.Slave),
            (ServerState.Slave, ServerState.Suspect), (ServerState.Suspect, ServerState.Failed),
        ], changes.Select(c => (c.Previous, c.Current)));
        Assert.Equal(ServerIdentity.IdOf(new ServerAddress("127.0.0.13", 3306)), changes[^1].ServerId);
    }

    private static async Task WaitForTickAsync(LabCluster lab, long tick, CancellationToken cancellationToken)
    {
        while (lab.Snapshot.Tick < tick)
            await Task.Delay(1, cancellationToken);
    }
}
