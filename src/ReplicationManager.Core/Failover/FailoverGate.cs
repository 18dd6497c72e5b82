using System.Text.Json.Serialization;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Failover;

/// <summary>What the monitoring loop should do about its primary after a tick.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GateVerdict>))]
public enum GateVerdict
{
    /// <summary>The primary is there (or the cluster has none to replace): nothing to do.</summary>
    Healthy,

    /// <summary>The primary failed and <c>failover-mode</c> is manual: raise it and wait for an operator.</summary>
    NeedsOperator,

    /// <summary>The primary failed but the failover is refused (limit, time limit, no candidate...).</summary>
    Refused,

    /// <summary>Fail over now, with the plan.</summary>
    FailOver,
}

/// <summary>The gate's verdict and the failover plan it read (null when the primary is healthy).</summary>
public sealed record GateDecision(GateVerdict Verdict, PrimaryChangePlan? Plan, string Reason);

/// <summary>
/// Pure: the automatic failover gate, asked after every tick. The primary must be Failed (its probes failed
/// <c>failover-falsepositive-ping-counter</c> times in a row); the plan must not be refused; <c>failover-mode</c> must
/// be automatic. The false-positive checks that need the network run after it, as the plan's first step.
/// </summary>
public static class FailoverGate
{
    public static GateDecision Decide(ClusterSnapshot cluster, FailoverRules rules, FailoverHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(rules);
        if (cluster.Primary is not { State: ServerState.Failed } primary || history.InProgress is not null)
            return new(GateVerdict.Healthy, null, "");
        var plan = PrimaryChangePlanner.Plan(cluster, PrimaryChangeKind.Failover, rules, history, now);
        if (plan.IsRefused)
            return new(GateVerdict.Refused, plan, $"the primary {primary.Address} failed; failover refused: {string.Join("; ", plan.Refusals)}");
        if (!rules.Failover.Automatic)
            return new(GateVerdict.NeedsOperator, plan,
                $"the primary {primary.Address} failed; failover-mode is manual: POST /api/clusters/{cluster.Name}/actions/failover promotes {plan.Candidate}");
        return new(GateVerdict.FailOver, plan, $"the primary {primary.Address} failed; failing over to {plan.Candidate}");
    }
}
