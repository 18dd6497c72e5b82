using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Proxies;

/// <summary>Where a proxy should send writes (null: nowhere, the primary is gone) and reads.</summary>
public sealed record ProxyRoute(ServerAddress? Writer, IReadOnlyList<ServerAddress> Readers)
{
    public bool Equals(ProxyRoute? other) => other is not null && Writer == other.Writer && Readers.SequenceEqual(other.Readers);

    public override int GetHashCode() => HashCode.Combine(Writer, Readers.Count);

    public override string ToString() => $"writes to {Writer?.ToString() ?? "nowhere"}, reads to {(Readers.Count == 0 ? "nowhere" : string.Join(", ", Readers))}";

    /// <summary>
    /// Pure: the route a cluster's snapshot asks for. Writes go to the primary while it is Master or only Suspect (one
    /// missed probe moves no traffic), nowhere once it Failed; reads to the replicas in state Slave (not lagging, not
    /// broken, not in maintenance), never to an ignored host.
    /// </summary>
    public static ProxyRoute For(ClusterSnapshot cluster, IReadOnlyList<ServerAddress> ignored)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(ignored);
        var writer = cluster.Primary is { State: ServerState.Master or ServerState.Suspect, IsInMaintenance: false } primary ? primary.Address : null;
        var readers = cluster.Servers
            .Where(s => s.State is ServerState.Slave or ServerState.Relay && !ignored.Contains(s.Address))
            .Select(s => s.Address)
            .ToList();
        return new ProxyRoute(writer, readers);
    }
}
