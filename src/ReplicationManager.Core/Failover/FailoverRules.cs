using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Failover;

/// <summary>The settings the switchover and failover decisions read, gathered from a cluster's options.</summary>
public sealed record FailoverRules(
    FailoverOptions Failover,
    TimeSpan MaxReplicationDelay,
    IReadOnlyList<ServerAddress> PreferredMasters,
    IReadOnlyList<ServerAddress> IgnoredHosts)
{
    public static FailoverRules From(ClusterOptions cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new(cluster.Failover, cluster.Monitoring.MaxReplicationDelay, cluster.Monitoring.PreferredMasters, cluster.Monitoring.IgnoredHosts);
    }

    public static FailoverRules Default { get; } = new(FailoverOptions.Default, TimeSpan.FromSeconds(30), [], []);
}
