using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Tests.Fakes;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Monitoring;

/// <summary>A three-server cluster (primary .11, replicas .12 and .13) monitored through scripted probes on a fake clock.</summary>
internal sealed class LabCluster : IAsyncDisposable
{
    public LabCluster(int failCount = 3, ServerStateStore? store = null, string datadir = "/tmp/repman-unused")
    {
        Options = TestClusters.Options(failCount: failCount, datadir: datadir);
        Registry = new ClusterRegistry(Options);
        Probes = new Dictionary<string, ScriptedProbe>
        {
            ["127.0.0.11"] = new(Readings.Primary(11)),
            ["127.0.0.12"] = new(Readings.Replica(12, "127.0.0.11")),
            ["127.0.0.13"] = new(Readings.Replica(13, "127.0.0.11")),
        };
        Monitor = new ClusterMonitor(Options.Clusters[0], Registry, store, address => Probes[address.Host], Clock, Logger);
    }

    public RepmanOptions Options { get; }

    public ClusterRegistry Registry { get; }

    public IReadOnlyDictionary<string, ScriptedProbe> Probes { get; }

    public FakeTimeProvider Clock { get; } = new();

    public ListLogger Logger { get; } = new();

    public ClusterMonitor Monitor { get; }

    public ClusterSnapshot Snapshot => Registry.GetSnapshot("lab")!;

    public ServerSnapshot Server(string host) => Snapshot.Find(new ServerAddress(host, 3306))!;

    public async Task TickAsync()
    {
        await Monitor.TickAsync(TestContext.Current.CancellationToken);
        Clock.Advance(Options.Clusters[0].Monitoring.Ticker);
    }

    public ValueTask DisposeAsync() => Monitor.DisposeAsync();
}
