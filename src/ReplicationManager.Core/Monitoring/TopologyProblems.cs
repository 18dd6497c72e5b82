using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>Finds what is wrong in an analyzed cluster: cluster-wide problems first, then each server's in configuration order.</summary>
internal static class TopologyProblems
{
    public static IReadOnlyList<TopologyProblem> Find(ClusterSnapshot cluster, ReplicationGraph graph, PrimaryElection election)
    {
        var problems = new List<TopologyProblem>();
        var primary = cluster.Primary;
        if (primary is null)
            problems.Add(new(TopologyProblemCode.NoPrimary, null, $"No primary: {election.Reason}"));
        if (election.Candidates.Count > 1)
            problems.Add(new(TopologyProblemCode.SeveralPrimaries, null,
                $"Several servers look like primaries: {string.Join(", ", election.Candidates)}; {primary?.Address} is taken as the primary"));
        if (primary is { State: ServerState.Suspect or ServerState.Failed })
            problems.Add(new(TopologyProblemCode.PrimaryUnreachable, primary.Address, $"Primary {primary.Address} is {primary.State.ToGoName()}: {primary.StateReason}"));
        if (primary is { State: ServerState.Master, ReadOnly: true })
            problems.Add(new(TopologyProblemCode.PrimaryReadOnly, primary.Address, $"Primary {primary.Address} has read_only ON"));
        foreach (var group in cluster.Servers.Where(s => ReplicationGraph.IsReachable(s) && s.ServerId is not null).GroupBy(s => s.ServerId).Where(g => g.Count() > 1))
            problems.Add(new(TopologyProblemCode.DuplicateServerId, null, $"server_id {group.Key} is used by {string.Join(", ", group.Select(s => s.Address))}"));
        foreach (var server in cluster.Servers)
            problems.AddRange(OfServer(server, cluster, graph));
        return problems;
    }

    private static IEnumerable<TopologyProblem> OfServer(ServerSnapshot server, ClusterSnapshot cluster, ReplicationGraph graph)
    {
        var address = server.Address;
        if (server.State == ServerState.ErrorAuth)
        {
            yield return new(TopologyProblemCode.AccessDenied, address, $"Server {address} refuses repman's credentials: {server.StateReason}");
            yield break;
        }
        if (server.State is ServerState.Suspect or ServerState.Failed)
        {
            if (address != cluster.PrimaryAddress)
                yield return new(TopologyProblemCode.ServerUnreachable, address, $"Server {address} is {server.State.ToGoName()}: {server.StateReason}");
            yield break;
        }
        if (address == cluster.PrimaryAddress || server.State == ServerState.Maintenance)
            yield break;
        if (server.Replication is not { } channel)
        {
            if (cluster.PrimaryAddress is { } primaryAddress)
                yield return new(TopologyProblemCode.ServerNotReplicating, address, $"Server {address} does not replicate from the primary {primaryAddress}");
            yield break;
        }
        var source = graph.SourceOf(server);
        if (source is null)
            yield return new(TopologyProblemCode.ReplicaOfUnknownSource, address,
                $"Replica {address} replicates from {channel.Master}, which is not a server of the cluster");
        else if (cluster.PrimaryAddress is { } primaryAddress && !graph.ReachesPrimary(server, primaryAddress))
            yield return new(TopologyProblemCode.ReplicaNotFromPrimary, address,
                $"Replica {address} replicates from {source.Address}, not from the primary {primaryAddress}");
        if (server.State.IsReplicationBroken())
            yield return new(TopologyProblemCode.ReplicationBroken, address, $"Replica {address}: {server.StateReason}");
        if (server.State is ServerState.SlaveLate or ServerState.RelayLate)
            yield return new(TopologyProblemCode.ReplicaLagging, address, $"Replica {address} is {server.StateReason}");
        if (ErrantGtids(server, cluster.Primary) is { Count: > 0 } errant)
            yield return new(TopologyProblemCode.ErrantGtid, address,
                $"Replica {address} has GTIDs the primary does not have: {string.Join(',', errant)}");
    }

    /// <summary>
    /// The replica's binlog GTIDs of writers other than the primary that the primary's binlog state lacks. GTIDs
    /// written by the primary itself are left out: a replica may read them before the primary's reading of the same tick.
    /// </summary>
    private static List<GtidPosition> ErrantGtids(ServerSnapshot replica, ServerSnapshot? primary)
    {
        if (primary is not { State: ServerState.Master } || primary.Flavor == ServerFlavor.MySql || replica.Flavor == ServerFlavor.MySql)
            return [];
        return replica.GtidBinlogState.NotIn(primary.GtidBinlogState).Where(p => p.ServerId != primary.ServerId).ToList();
    }
}
