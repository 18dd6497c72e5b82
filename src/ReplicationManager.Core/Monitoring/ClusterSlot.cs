using System.Collections.Concurrent;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>One cluster's entry in the registry: its latest snapshot and the servers an operator put in maintenance.</summary>
internal sealed class ClusterSlot(ClusterSnapshot initial)
{
    private ClusterSnapshot _snapshot = initial;

    public ClusterSnapshot Snapshot
    {
        get => Volatile.Read(ref _snapshot);
        set => Volatile.Write(ref _snapshot, value);
    }

    public ConcurrentDictionary<ServerAddress, bool> Maintenance { get; } = new();
}
