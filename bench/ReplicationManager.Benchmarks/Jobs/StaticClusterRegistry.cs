using System.Runtime.CompilerServices;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Reporting;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Benchmarks.Jobs;

/// <summary>A fixed snapshot standing in for the monitoring loop: the first host primary, the others replicas.</summary>
internal sealed class StaticClusterRegistry(ClusterSnapshot snapshot) : IClusterRegistry
{
    public IReadOnlyList<string> ClusterNames => [snapshot.Name];

    public ChangeSignal Changes { get; } = new();

    public static StaticClusterRegistry Healthy(string cluster, IReadOnlyList<ServerAddress> servers) => new(new ClusterSnapshot
    {
        Name = cluster,
        Time = DateTimeOffset.UtcNow,
        Tick = 1,
        PrimaryAddress = servers[0],
        Replicas = servers.Skip(1).ToList(),
        Servers = servers.Select((address, index) => new ServerSnapshot
        {
            Address = address,
            State = index == 0 ? ServerState.Master : ServerState.Slave,
            Flavor = ServerFlavor.MariaDb,
        }).ToList(),
    });

    public ClusterSnapshot? GetSnapshot(string cluster) => cluster == snapshot.Name ? snapshot : null;

    public ServerSnapshot? FindServer(string cluster, string host, int port) => GetSnapshot(cluster)?.Find(new ServerAddress(host, port));

    public ServerSnapshot? FindServerById(string cluster, string id) => GetSnapshot(cluster)?.FindById(id);

    public bool SetMaintenance(string cluster, ServerAddress server, bool inMaintenance) => false;

    public async IAsyncEnumerable<ServerStateChange> WatchStateChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }
}
