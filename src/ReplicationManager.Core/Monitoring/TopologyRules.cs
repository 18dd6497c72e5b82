namespace ReplicationManager.Core.Monitoring;

/// <summary>The thresholds the topology analysis applies.</summary>
/// <param name="MaxReplicationDelay">
/// Lag beyond which a replica is SlaveLate: replication-manager's <c>failover-max-slave-delay</c> (default 30 s).
/// </param>
internal sealed record TopologyRules(TimeSpan MaxReplicationDelay)
{
    public static readonly TopologyRules Default = new(TimeSpan.FromSeconds(30));
}
