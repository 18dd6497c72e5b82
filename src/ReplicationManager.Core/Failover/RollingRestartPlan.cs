using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Failover;

/// <summary>
/// Pure: the order of a rolling restart (spec 6.1.3) or why it is refused. Every replica of the primary, one at a
/// time in configuration order, then a switchover and the old primary. Refused without a primary that answers,
/// during another change, and while a replica is not in sync (lagging, broken or down): restarting another one then
/// could leave the cluster without a replica in sync.
/// </summary>
public static class RollingRestartPlan
{
    public static (IReadOnlyList<ServerAddress> Replicas, IReadOnlyList<Refusal> Refusals) For(ClusterSnapshot cluster, FailoverHistory history)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(history);
        var refusals = new List<Refusal>();
        if (cluster.Primary is not { State: ServerState.Master } primary)
            return ([], [new Refusal("no-primary", null, "the cluster has no primary that answers")]);
        if (history.InProgress is { } running)
            refusals.Add(new Refusal("in-progress", null, $"a {running.Kind.ToString().ToLowerInvariant()} from {running.OldPrimary} to {running.Candidate} has not finished"));
        var others = cluster.Servers.Where(s => s.Address != primary.Address).ToList();
        foreach (var server in others.Where(s => s.State is not (ServerState.Slave or ServerState.Relay)))
            refusals.Add(new Refusal("replica-not-in-sync", server.Address, $"is {server.State}{(server.StateReason is null ? "" : $" ({server.StateReason})")}: restart none while a replica is not in sync"));
        if (others.Count == 0)
            refusals.Add(new Refusal("no-replica", null, "the primary has no replica to switch over to"));
        return refusals.Count > 0 ? ([], refusals) : (others.Select(s => s.Address).ToList(), []);
    }
}
