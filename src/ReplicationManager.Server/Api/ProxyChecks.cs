using ReplicationManager.Core.Topology;

namespace ReplicationManager.Server.Api;

/// <summary>
/// What a proxy may send traffic to, as replication-manager decides it for <c>is-master</c> and <c>is-slave</c>.
/// A server repman has not reached since it started (unknown, or known only from saved state) is never valid.
/// </summary>
internal static class ProxyChecks
{
    /// <summary>Writes go to the cluster's primary while it answers, is writable and is neither in maintenance nor in a failover.</summary>
    public static bool IsValidPrimary(ClusterSnapshot cluster, ServerSnapshot server, ClusterCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(context);
        return context.IsActive
            && !context.IsInFailover
            && IsPrimary(cluster, server)
            && server.IsReachable
            && !IsInMaintenance(server)
            && !server.ReadOnly;
    }

    /// <summary>
    /// Reads go to a replica that answers, is not in maintenance and replicates without trouble; and to the primary
    /// too when <c>proxy-servers-read-on-master</c> is on.
    /// </summary>
    public static bool IsValidReplica(ClusterSnapshot cluster, ServerSnapshot server, ClusterCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(context);
        if (!context.IsActive || !server.IsReachable || IsInMaintenance(server))
            return false;
        if (IsPrimary(cluster, server))
            return context.ReadOnMaster;
        return server.Replication is not null && !HasReplicationIssue(cluster, server);
    }

    public static bool IsPrimary(ClusterSnapshot cluster, ServerSnapshot server) =>
        cluster.PrimaryAddress is { } primary && primary == server.Address;

    public static bool IsInMaintenance(ServerSnapshot server) =>
        server.IsInMaintenance || server.State == ServerState.Maintenance;

    /// <summary>
    /// replication-manager's <c>HasReplicationIssue</c>: both threads must run, except that an IO thread that is
    /// reconnecting, or stopped while the cluster has no primary, keeps a replica readable. Unlike
    /// replication-manager, a lag within the allowed delay is no issue; a replica past it (SlaveLate) is.
    /// </summary>
    public static bool HasReplicationIssue(ClusterSnapshot cluster, ServerSnapshot server)
    {
        var channel = server.Replication;
        if (channel is null)
            return true;
        if (server.State is ServerState.SlaveLate or ServerState.RelayLate)
            return true;
        if (!channel.IsSqlRunning)
            return !(cluster.PrimaryAddress is null && !channel.IsIoRunning);
        if (channel.IsIoRunning || channel.IsIoConnecting)
            return false;
        return cluster.PrimaryAddress is not null;
    }
}
