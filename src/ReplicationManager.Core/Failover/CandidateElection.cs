using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Failover;

/// <summary>
/// Pure: which replica of the primary becomes the new primary, and why each other one cannot.
/// <list type="bullet">
/// <item>Only direct replicas of the primary that answer, are not ignored or in maintenance, write a binary log, have
/// no errant GTIDs and (unless <c>check-replication-state</c> is off) apply replication within
/// <c>failover-max-slave-delay</c> may be elected; with <c>check-replication-filters</c>, their filters must match the
/// primary's; a switchover also refuses an older release unless <c>switchover-lower-release</c>.</item>
/// <item>A failover takes the most advanced (received, not only applied) and prefers <c>db-servers-prefered-master</c>
/// among equals: losing received transactions is worse than an unpreferred primary. A switchover drains everything
/// first, so it takes the requested server, else the first preferred one, else the most advanced.</item>
/// </list>
/// </summary>
public static class CandidateElection
{
    private static readonly string[] FilterVariables =
        ["REPLICATE_DO_DB", "REPLICATE_IGNORE_DB", "REPLICATE_DO_TABLE", "REPLICATE_IGNORE_TABLE", "REPLICATE_WILD_DO_TABLE", "REPLICATE_WILD_IGNORE_TABLE"];

    public static Election Elect(ClusterSnapshot cluster, PrimaryChangeKind kind, FailoverRules rules, ServerAddress? requested = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(rules);
        if (cluster.Primary is not { } primary)
            return new(null, [], [new Refusal("no-primary", null, "the cluster has no known primary to replace")]);
        var graph = new ReplicationGraph(cluster.Servers);
        var refusals = new List<Refusal>();
        var eligible = new List<ServerSnapshot>();
        foreach (var server in cluster.Servers.Where(s => s.Address != primary.Address))
        {
            if (WhyNot(server, primary, cluster, graph, kind, rules, requested) is { } refusal)
                refusals.Add(refusal);
            else
                eligible.Add(server);
        }
        if (requested is not null && cluster.Find(requested) is null)
            refusals.Add(new Refusal("unknown-server", requested, $"{requested} is not a server of cluster {cluster.Name}"));
        var ranked = Rank(eligible, primary, kind, rules, requested, cluster.Servers);
        return new(ranked.FirstOrDefault()?.Address, ranked.Select(s => s.Address).ToList(), refusals);
    }

    /// <summary>
    /// How far a replica got in the primary's GTID domain: the last transaction it received (IO thread) or applied,
    /// whichever is further; for servers without GTID, its position in the primary's binary log.
    /// </summary>
    public static (ulong Sequence, string LogFile, long LogPos) Progress(ServerSnapshot server, uint domain)
    {
        ArgumentNullException.ThrowIfNull(server);
        var channel = server.Replication;
        var received = channel?.GtidIoPos.InDomain(domain)?.Sequence ?? 0;
        var applied = server.GtidSlavePos.InDomain(domain)?.Sequence ?? server.GtidCurrentPos.InDomain(domain)?.Sequence ?? 0;
        return (Math.Max(received, applied), channel?.MasterLogFile ?? "", channel?.ReadMasterLogPos ?? 0);
    }

    /// <summary>The primary's GTID domain (<c>gtid_domain_id</c>), 0 when unknown.</summary>
    public static uint DomainOf(ServerSnapshot primary)
    {
        ArgumentNullException.ThrowIfNull(primary);
        return primary.Variables.TryGetValue("GTID_DOMAIN_ID", out var text) && uint.TryParse(text, out var domain) ? domain : 0;
    }

    private static Refusal? WhyNot(ServerSnapshot server, ServerSnapshot primary, ClusterSnapshot cluster, ReplicationGraph graph,
        PrimaryChangeKind kind, FailoverRules rules, ServerAddress? requested)
    {
        var address = server.Address;
        if (requested is not null && address != requested)
            return new("not-requested", address, $"the operator asked for {requested}");
        if (!server.IsReachable)
            return new("unreachable", address, $"does not answer ({server.State}{(server.StateReason is null ? "" : ": " + server.StateReason)})");
        if (rules.IgnoredHosts.Contains(address))
            return new("ignored", address, "is listed in db-servers-ignored-hosts");
        if (server.IsInMaintenance)
            return new("maintenance", address, "is in maintenance");
        if (server.Replication is not { } channel)
            return new("not-a-replica", address, "does not replicate");
        if (graph.SourceOf(server)?.Address != primary.Address)
            return new("not-a-replica", address, $"replicates from {channel.Master}, not from the primary {primary.Address}");
        if (!server.LogBin)
            return new("no-binlog", address, "log_bin is OFF: its replicas could not follow it");
        if (cluster.Problems.FirstOrDefault(p => p.Code == TopologyProblemCode.ErrantGtid && p.Server == address) is { } errant)
            return new("errant-gtid", address, errant.Message);
        if (rules.Failover.CheckReplicationState)
        {
            if (!channel.IsSqlRunning)
                return new("replication-stopped", address, $"its SQL thread is stopped{ErrorOf(channel.LastSqlErrno, channel.LastSqlError)}");
            // A dead primary stops every IO thread: only a switchover needs them running.
            if (kind == PrimaryChangeKind.Switchover && !channel.IsIoRunning)
                return new("replication-stopped", address, $"its IO thread is {channel.SlaveIoRunning}{ErrorOf(channel.LastIoErrno, channel.LastIoError)}");
            if (channel.SecondsBehindMaster is { } lag && lag > rules.MaxReplicationDelay.TotalSeconds)
                return new("lagging", address, $"is {lag} s behind, more than failover-max-slave-delay ({rules.MaxReplicationDelay.TotalSeconds:0} s)");
        }
        if (rules.Failover.CheckReplicationFilters && FiltersOf(server) != FiltersOf(primary))
            return new("filters-differ", address, $"its replication filters ({FiltersOf(server)}) differ from the primary's ({FiltersOf(primary)})");
        if (kind == PrimaryChangeKind.Switchover && !rules.Failover.SwitchoverLowerRelease
            && server.Version is { } version && primary.Version is { } primaryVersion && version < primaryVersion)
            return new("lower-release", address, $"runs {version}, older than the primary's {primaryVersion} (switchover-lower-release is off)");
        return null;
    }

    private static List<ServerSnapshot> Rank(List<ServerSnapshot> eligible, ServerSnapshot primary, PrimaryChangeKind kind, FailoverRules rules,
        ServerAddress? requested, IReadOnlyList<ServerSnapshot> servers)
    {
        var domain = DomainOf(primary);
        var progress = eligible.ToDictionary(s => s.Address, s => Progress(s, domain));
        var preferred = rules.PreferredMasters.Select((address, i) => (address, i)).DistinctBy(p => p.address).ToDictionary(p => p.address, p => p.i);
        var configured = servers.Select((server, i) => (server.Address, i)).ToDictionary(p => p.Address, p => p.i);
        int Preference(ServerSnapshot s) => preferred.GetValueOrDefault(s.Address, int.MaxValue);
        int ConfigOrder(ServerSnapshot s) => configured[s.Address];
        var byProgress = eligible
            .OrderByDescending(s => progress[s.Address].Sequence)
            .ThenByDescending(s => progress[s.Address].LogFile, StringComparer.Ordinal)
            .ThenByDescending(s => progress[s.Address].LogPos);
        return kind == PrimaryChangeKind.Failover
            ? byProgress.ThenBy(Preference).ThenBy(ConfigOrder).ToList()
            : eligible.OrderBy(s => s.Address == requested ? 0 : 1).ThenBy(Preference)
                .ThenByDescending(s => progress[s.Address].Sequence).ThenBy(ConfigOrder).ToList();
    }

    private static string FiltersOf(ServerSnapshot server) =>
        string.Join("; ", FilterVariables.Select(name => server.Variables.GetValueOrDefault(name, "")).Where(v => v.Length > 0)) is { Length: > 0 } text ? text : "none";

    private static string ErrorOf(int errno, string error) => errno == 0 ? "" : $" (error {errno}: {error})";
}

/// <summary>The elected candidate (null when none), every eligible server best first, and why the others were refused.</summary>
public sealed record Election(ServerAddress? Candidate, IReadOnlyList<ServerAddress> Ranked, IReadOnlyList<Refusal> Refusals);
