using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// Pure topology decisions: from what the probes observed (reachable servers in state Unknown, unreachable ones
/// Suspect, Failed or ErrorAuth), finds the primary, each server's role and replication health, and the problems.
/// <list type="bullet">
/// <item>The primary is the server that does not replicate and that reachable replicas replicate from (or that has
/// replicas connected); the only server of a one-server cluster; else the previous primary while it still does not
/// replicate (it keeps the role while Suspect or Failed, which is what failover needs to see).</item>
/// <item>A replica is SlaveErr when a thread is stopped, SlaveLate beyond the allowed lag, else Slave; a replica
/// that others replicate from is a Relay (RelayErr, RelayLate). A server that neither replicates nor is the primary
/// is StandAlone; a server in maintenance is Maintenance unless it is the primary.</item>
/// </list>
/// </summary>
internal static class TopologyAnalyzer
{
    public static ClusterSnapshot Analyze(string cluster, DateTimeOffset time, long tick, IReadOnlyList<ServerSnapshot> servers,
        ServerAddress? previousPrimary, TopologyRules rules)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(rules);
        var graph = new ReplicationGraph(servers);
        var election = PrimaryElection.Elect(servers, graph, previousPrimary);
        var derived = servers.Select(server => Derive(server, graph, election, rules)).ToList();
        var replicas = election.Primary is { } primary
            ? derived.Where(s => s.Address != primary && (s.State.IsReplica() || (s.State == ServerState.Maintenance && ReplicationGraph.IsReplicating(s)))
                    && graph.ReachesPrimary(s, primary))
                .Select(s => s.Address).ToList()
            : [];
        var snapshot = new ClusterSnapshot
        {
            Name = cluster,
            Time = time,
            Tick = tick,
            Servers = derived,
            PrimaryAddress = election.Primary,
            Replicas = replicas,
        };
        return snapshot with { Problems = TopologyProblems.Find(snapshot, new ReplicationGraph(derived), election) };
    }

    private static ServerSnapshot Derive(ServerSnapshot server, ReplicationGraph graph, PrimaryElection election, TopologyRules rules)
    {
        if (!ReplicationGraph.IsReachable(server))
            return server;
        if (server.Address == election.Primary)
            return server with { State = ServerState.Master, StateReason = election.Reason };
        if (server.IsInMaintenance)
            return server with { State = ServerState.Maintenance, StateReason = "in maintenance" };
        if (server.Replication is not { } channel)
            return server with { State = ServerState.StandAlone, StateReason = "does not replicate" };
        var relay = graph.IsRelay(server);
        var source = graph.SourceOf(server)?.Address.ToString() ?? channel.Master.ToString();
        if (ReplicationHealth.StoppedThreads(channel) is { } stopped)
            return server with { State = relay ? ServerState.RelayErr : ServerState.SlaveErr, StateReason = stopped };
        if (channel.SecondsBehindMaster is { } lag && lag > rules.MaxReplicationDelay.TotalSeconds)
            return server with { State = relay ? ServerState.RelayLate : ServerState.SlaveLate, StateReason = $"{lag} s behind {source}" };
        var connecting = channel.IsIoConnecting ? ", IO thread connecting" : "";
        return server with { State = relay ? ServerState.Relay : ServerState.Slave, StateReason = $"replicating from {source}{connecting}" };
    }
}
