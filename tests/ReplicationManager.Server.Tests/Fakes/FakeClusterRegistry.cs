using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Reporting;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Server.Tests.Fakes;

/// <summary>A registry of canned snapshots that a test sets directly.</summary>
internal sealed class FakeClusterRegistry : IClusterRegistry
{
    private readonly ConcurrentDictionary<string, ClusterSnapshot> _clusters = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public IReadOnlyList<string> ClusterNames
    {
        get
        {
            lock (_names)
                return _names.ToList();
        }
    }

    public ChangeSignal Changes { get; } = new();

    public void Set(ClusterSnapshot snapshot)
    {
        lock (_names)
        {
            if (!_names.Contains(snapshot.Name))
                _names.Add(snapshot.Name);
        }
        _clusters[snapshot.Name] = snapshot;
        Changes.Pulse();
    }

    public ClusterSnapshot? GetSnapshot(string cluster) => _clusters.GetValueOrDefault(cluster);

    public ServerSnapshot? FindServer(string cluster, string host, int port) =>
        GetSnapshot(cluster)?.Servers.FirstOrDefault(s => s.Address.Host == host && s.Address.Port == port);

    public ServerSnapshot? FindServerById(string cluster, string id) => GetSnapshot(cluster)?.FindById(id);

    /// <summary>What the API asked: server and whether in maintenance, in order.</summary>
    public ConcurrentQueue<(ServerAddress Server, bool InMaintenance)> MaintenanceAsked { get; } = new();

    public bool SetMaintenance(string cluster, ServerAddress server, bool inMaintenance)
    {
        if (GetSnapshot(cluster)?.Find(server) is null)
            return false;
        MaintenanceAsked.Enqueue((server, inMaintenance));
        return true;
    }

    public async IAsyncEnumerable<ServerStateChange> WatchStateChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }
}
