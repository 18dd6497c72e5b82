namespace ReplicationManager.Server.Api;

/// <summary>What the proxy checks need to know beyond the snapshot.</summary>
/// <param name="IsActive">This repman is the active one (not a standby waiting for arbitration).</param>
/// <param name="IsInFailover">A failover or switchover of the cluster is running.</param>
/// <param name="ReadOnMaster"><c>proxy-servers-read-on-master</c>: the primary also takes reads.</param>
internal sealed record ClusterCheckContext(bool IsActive, bool IsInFailover, bool ReadOnMaster);
