using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>Which server is the primary, why, and the other servers that looked like one.</summary>
/// <param name="Primary">The primary, or null.</param>
/// <param name="Reason">Why it is the primary (shown as its state reason), or why there is none.</param>
/// <param name="Candidates">Every server that does not replicate and has replicas; more than one is a split.</param>
internal sealed record PrimaryElection(ServerAddress? Primary, string Reason, IReadOnlyList<ServerAddress> Candidates)
{
    public static PrimaryElection Elect(IReadOnlyList<ServerSnapshot> servers, ReplicationGraph graph, ServerAddress? previousPrimary)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(graph);
        if (servers.Count == 1 && !ReplicationGraph.IsReplicating(servers[0]))
            return new(servers[0].Address, "the only server", []);
        var candidates = servers
            .Where(s => !ReplicationGraph.IsReplicating(s)
                && (graph.DirectReplicasOf(s).Count > 0 || (ReplicationGraph.IsReachable(s) && s.ReplicaHosts.Count > 0)))
            .ToList();
        var addresses = candidates.Select(s => s.Address).ToList();
        switch (candidates.Count)
        {
            case 1:
                return new(candidates[0].Address, "replicas replicate from it", addresses);
            case > 1:
                var chosen = candidates.FirstOrDefault(s => s.Address == previousPrimary)
                    ?? candidates.OrderByDescending(s => graph.DirectReplicasOf(s).Count).First();
                return new(chosen.Address, "replicas replicate from it (one of several primaries)", addresses);
        }
        var previous = servers.FirstOrDefault(s => s.Address == previousPrimary);
        if (previous is not null && !ReplicationGraph.IsReplicating(previous))
            return new(previous.Address, "was the primary and does not replicate", addresses);
        return servers.All(s => !ReplicationGraph.IsReachable(s))
            ? new(null, "no server answers", addresses)
            : new(null, "no server has replicas, and none was the primary", addresses);
    }
}
