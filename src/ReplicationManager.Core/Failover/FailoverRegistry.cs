namespace ReplicationManager.Core.Failover;

/// <summary>Every cluster's failover coordinator, for the API.</summary>
public sealed class FailoverRegistry(IEnumerable<FailoverCoordinator> coordinators)
{
    private readonly Dictionary<string, FailoverCoordinator> _byCluster = coordinators.ToDictionary(c => c.Cluster, StringComparer.Ordinal);

    /// <summary>The cluster's coordinator, or null for an unknown cluster.</summary>
    public FailoverCoordinator? Get(string cluster) => _byCluster.GetValueOrDefault(cluster);
}
