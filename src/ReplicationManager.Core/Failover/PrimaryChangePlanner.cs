using System.Globalization;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Failover;

/// <summary>
/// Pure: the plan of a switchover or failover from a cluster's snapshot, its rules and its history, or the reasons it
/// is refused. Table-tested in <c>tests/…Core.Tests/Failover/Scenarios</c>.
/// </summary>
public static class PrimaryChangePlanner
{
    public static PrimaryChangePlan Plan(ClusterSnapshot cluster, PrimaryChangeKind kind, FailoverRules rules, FailoverHistory history,
        DateTimeOffset now, ServerAddress? requested = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(history);
        var refusals = new List<Refusal>();
        var primary = cluster.Primary;
        if (history.InProgress is { } running)
            refusals.Add(new("in-progress", null, $"a {running.Kind.ToString().ToLowerInvariant()} from {running.OldPrimary} to {running.Candidate} has not finished"));
        if (primary is null)
            refusals.Add(new("no-primary", null, "the cluster has no known primary: repman never elects one it did not see"));
        else if (kind == PrimaryChangeKind.Switchover)
            refusals.AddRange(SwitchoverPrimaryRefusals(primary));
        else if (!primary.State.IsUnreachable() || primary.State == ServerState.Suspect)
            refusals.Add(new("primary-alive", primary.Address, $"the primary is {primary.State}, not Failed: use a switchover"));
        if (TimeLimitRefusal(kind, rules, history, now) is { } tooSoon)
            refusals.Add(tooSoon);
        if (kind == PrimaryChangeKind.Failover && rules.Failover.Limit > 0 && history.Failovers >= rules.Failover.Limit)
            refusals.Add(new("failover-limit", null,
                $"{history.Failovers} failovers already, failover-limit is {rules.Failover.Limit}: reset-failover-control to allow more"));
        if (primary is not null && SemiSyncRefusal(primary, kind, rules) is { } unsynced)
            refusals.Add(unsynced);
        if (primary is not null && kind == PrimaryChangeKind.Switchover && rules.Failover.SwitchoverAtEqualGtid)
            refusals.AddRange(UnequalGtids(cluster, primary));

        var election = CandidateElection.Elect(cluster, kind, rules, requested);
        if (primary is not null && election.Candidate is null)
            refusals.Add(new("no-candidate", null, "no replica can become the primary: " + string.Join("; ", election.Refusals)));
        var plan = new PrimaryChangePlan
        {
            Cluster = cluster.Name,
            Kind = kind,
            OldPrimary = primary?.Address,
            Candidate = election.Candidate,
            NotChosen = election.Refusals.Concat(election.Ranked.Skip(1).Select(a => new Refusal("not-best", a, $"{election.Candidate} was preferred or more advanced"))).ToList(),
        };
        if (refusals.Count > 0)
            return plan with { Refusals = refusals };
        var others = cluster.Servers.Where(s => s.Address != primary!.Address && s.Address != election.Candidate).ToList();
        return plan with
        {
            Steps = kind == PrimaryChangeKind.Switchover
                ? SwitchoverSteps(primary!, election.Candidate!, others, rules)
                : FailoverSteps(primary!, election.Candidate!, others, rules),
            Warnings = Warnings(others, rules),
        };
    }

    private static IEnumerable<Refusal> SwitchoverPrimaryRefusals(ServerSnapshot primary)
    {
        if (!primary.IsReachable)
            yield return new("primary-unreachable", primary.Address, $"the primary is {primary.State}: a switchover needs it answering (use a failover)");
        if (primary.IsInMaintenance)
            yield return new("maintenance", primary.Address, "the primary is in maintenance");
    }

    private static Refusal? TimeLimitRefusal(PrimaryChangeKind kind, FailoverRules rules, FailoverHistory history, DateTimeOffset now)
    {
        if (rules.Failover.TimeLimit <= TimeSpan.Zero || history.LastChange is not { } last || now - last >= rules.Failover.TimeLimit)
            return null;
        var left = rules.Failover.TimeLimit - (now - last);
        return new("time-limit", null, string.Create(CultureInfo.InvariantCulture,
            $"the primary changed at {last:u}; failover-time-limit ({rules.Failover.TimeLimit.TotalSeconds:0} s) allows the next {kind.ToString().ToLowerInvariant()} in {Math.Ceiling(left.TotalSeconds):0} s"));
    }

    private static Refusal? SemiSyncRefusal(ServerSnapshot primary, PrimaryChangeKind kind, FailoverRules rules)
    {
        var required = kind == PrimaryChangeKind.Switchover ? rules.Failover.SwitchoverAtSync : rules.Failover.AtSync;
        if (!required)
            return null;
        var status = primary.Status.GetValueOrDefault("RPL_SEMI_SYNC_MASTER_STATUS", "OFF");
        return status is "ON" or "1"
            ? null
            : new("not-in-sync", primary.Address, $"semi-synchronous replication was {status} at the primary's last reading ({(kind == PrimaryChangeKind.Switchover ? "switchover-at-sync" : "failover-at-sync")} is on)");
    }

    private static IEnumerable<Refusal> UnequalGtids(ClusterSnapshot cluster, ServerSnapshot primary)
    {
        foreach (var address in cluster.Replicas)
        {
            var replica = cluster.Find(address)!;
            if (replica.GtidCurrentPos != primary.GtidBinlogPos)
                yield return new("gtid-not-equal", address, $"has applied {replica.GtidCurrentPos}, the primary is at {primary.GtidBinlogPos} (switchover-at-equal-gtid is on)");
        }
    }

    private static List<PlanStep> SwitchoverSteps(ServerSnapshot primary, ServerAddress candidate, List<ServerSnapshot> others, FailoverRules rules)
    {
        var old = primary.Address;
        var failover = rules.Failover;
        var steps = new List<PlanStep>
        {
            new(StepAction.CheckLongWrites, old, $"refuse if a write has run for {failover.WaitWriteQuery.TotalSeconds:0} s or more (switchover-wait-write-query)"),
        };
        if (failover.PreScript.Length > 0)
            steps.Add(new(StepAction.PreScript, null, $"run {failover.PreScript} {old} {candidate}"));
        steps.Add(new(StepAction.SetReadOnly, old, "SET GLOBAL read_only = 1"));
        steps.Add(new(StepAction.LowerMaxConnections, old, "lower max_connections to switchover-decrease-max-conn-value; repman works through extra_port"));
        steps.Add(new(StepAction.KillSessions, old, $"let client sessions end for {failover.WaitKill.TotalMilliseconds:0} ms (switchover-wait-kill), then kill the rest"));
        steps.Add(new(StepAction.FreezeWrites, old, $"FLUSH TABLES WITH READ LOCK within {failover.WaitTrx.TotalSeconds:0} s (switchover-wait-trx), then read the final GTID"));
        steps.Add(new(StepAction.WaitCandidate, candidate, "wait until it applied the old primary's final GTID"));
        steps.Add(new(StepAction.Promote, candidate, "STOP SLAVE, RESET SLAVE ALL, SET GLOBAL read_only = 0"));
        steps.Add(new(StepAction.RerouteProxies, candidate, "send the proxies' writes to the new primary"));
        steps.Add(new(StepAction.DemoteOldPrimary, old,
            $"UNLOCK TABLES, CHANGE MASTER TO {candidate} with MASTER_USE_GTID = slave_pos, START SLAVE{(failover.ReadOnlyState ? ", read_only stays ON" : ", read_only OFF")}"));
        steps.AddRange(Repoints(others, candidate));
        steps.Add(new(StepAction.RestoreMaxConnections, old, "give max_connections its value back (also on every error path)"));
        if (failover.PostScript.Length > 0)
            steps.Add(new(StepAction.PostScript, null, $"run {failover.PostScript} {old} {candidate}"));
        return steps;
    }

    private static List<PlanStep> FailoverSteps(ServerSnapshot primary, ServerAddress candidate, List<ServerSnapshot> others, FailoverRules rules)
    {
        var old = primary.Address;
        var failover = rules.Failover;
        var steps = new List<PlanStep>();
        if (failover.FalsePositiveHeartbeat)
            steps.Add(new(StepAction.ConfirmPrimaryDead, old,
                $"veto if a replica still receives from the primary within {failover.FalsePositiveHeartbeatTimeout.TotalSeconds:0} s, or it answers on its extra_port"));
        if (failover.PreScript.Length > 0)
            steps.Add(new(StepAction.PreScript, null, $"run {failover.PreScript} {old} {candidate}"));
        steps.Add(new(StepAction.WaitCandidate, candidate, "wait until it applied every transaction of its relay log"));
        steps.Add(new(StepAction.Promote, candidate, "STOP SLAVE, RESET SLAVE ALL, SET GLOBAL read_only = 0"));
        steps.Add(new(StepAction.RerouteProxies, candidate, "send the proxies' writes to the new primary"));
        steps.AddRange(Repoints(others, candidate));
        if (failover.PostScript.Length > 0)
            steps.Add(new(StepAction.PostScript, null, $"run {failover.PostScript} {old} {candidate}"));
        return steps;
    }

    private static IEnumerable<PlanStep> Repoints(List<ServerSnapshot> others, ServerAddress candidate) =>
        others.Where(s => s.IsReachable)
            .Select(s => new PlanStep(StepAction.RepointReplica, s.Address, $"CHANGE MASTER TO {candidate} with MASTER_USE_GTID = slave_pos, START SLAVE"));

    private static List<string> Warnings(List<ServerSnapshot> others, FailoverRules rules)
    {
        var warnings = new List<string>();
        foreach (var server in others)
        {
            if (!server.IsReachable)
                warnings.Add($"{server.Address} does not answer ({server.State}); repman re-points it when it returns");
            else if (server.Replication?.SecondsBehindMaster is { } lag && lag > rules.MaxReplicationDelay.TotalSeconds)
                warnings.Add($"{server.Address} lags {lag} s; it catches up from the new primary");
        }
        return warnings;
    }
}
