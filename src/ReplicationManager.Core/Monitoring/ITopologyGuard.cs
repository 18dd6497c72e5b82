using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// What acts on a cluster's topology after each monitoring tick (failover, rejoin, proxies). Ticks and primary
/// changes exclude each other through <see cref="TickLock"/>: a switchover asked through the API waits for the tick
/// under way and the next tick waits for the switchover, so that no tick reads a half-changed cluster.
/// </summary>
public interface ITopologyGuard
{
    SemaphoreSlim TickLock { get; }

    /// <summary>Called with <see cref="TickLock"/> held, after the tick published <paramref name="snapshot"/>; must not throw.</summary>
    Task AfterTickAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken);
}
