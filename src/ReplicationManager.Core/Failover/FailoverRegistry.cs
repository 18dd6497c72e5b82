namespace ReplicationManager.Core.Failover;

/// <summary>Every cluster's failover coordinator, for the API.</summary>
public sealed class FailoverRegistry(IEnumerable<FailoverCoordinator> coordinators) : IAsyncDisposable
{
    private readonly Dictionary<string, FailoverCoordinator> _byCluster = coordinators.ToDictionary(c => c.Cluster, StringComparer.Ordinal);

    /// <summary>The cluster's coordinator, or null for an unknown cluster.</summary>
    public FailoverCoordinator? Get(string cluster) => _byCluster.GetValueOrDefault(cluster);

    /// <summary>Stops the rolling restarts under way and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var coordinator in _byCluster.Values)
            await coordinator.DisposeAsync();
    }
}
