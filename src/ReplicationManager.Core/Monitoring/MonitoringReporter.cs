using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// Tells the operator what changed between two snapshots of a cluster, once per change: each server when first
/// seen (version and role), each state change with its reason, the primary and its replicas when they change,
/// problems when they appear and when they go, the move to and from the extra port. Probes are Debug lines.
/// </summary>
internal sealed class MonitoringReporter(string cluster, int serverCount, ILogger logger)
{
    private readonly bool[] _reported = new bool[serverCount];
    private bool _topologyReported;

    public List<ServerStateChange> Report(ClusterSnapshot previous, ClusterSnapshot current, IReadOnlyList<ProbeResult> results)
    {
        var changes = new List<ServerStateChange>();
        for (var i = 0; i < current.Servers.Count; i++)
        {
            var before = previous.Servers[i];
            var now = current.Servers[i];
            ReportProbe(now, results[i]);
            if (now.State != before.State)
                changes.Add(new ServerStateChange(cluster, now.Address, before.State, now.State, now.StateReason, current.Time));
            if (!_reported[i] && now.IsReachable)
                ReportFound(now);
            else if (now.State != before.State)
                MonitoringLog.ServerStateChanged(logger, now.Address, cluster, before.State.ToGoName(), now.State.ToGoName(), now.StateReason ?? "");
            _reported[i] = true;
            if (now.IsReachable && now.ExtraPortReason is { } reason && before.ExtraPortReason is null)
                MonitoringLog.ExtraPortEntered(logger, now.Address, cluster, now.MonitoringPort, reason);
            else if (now.IsReachable && now.ExtraPortReason is null && before.ExtraPortReason is not null)
                MonitoringLog.ExtraPortLeft(logger, now.Address, cluster, now.MonitoringPort);
        }
        ReportTopology(previous, current);
        ReportProblems(previous, current);
        return changes;
    }

    private void ReportProbe(ServerSnapshot server, ProbeResult result)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
            return;
        if (result.Reading is { } reading)
            MonitoringLog.ServerProbed(logger, server.Address, reading.Port, result.Elapsed.TotalMilliseconds);
        else
            MonitoringLog.ServerProbeFailed(logger, server.Address, result.Elapsed.TotalMilliseconds, result.Reason ?? "");
    }

    private void ReportFound(ServerSnapshot server)
    {
        var detail = server.StateReason is { } reason ? $", {reason}" : "";
        if (server.ExtraPortReason is not null)
            detail += $", through extra_port {server.MonitoringPort}";
        MonitoringLog.ServerFound(logger, server.Address, cluster, server.State.ToGoName(), server.VersionString, server.Flavor, server.ServerId, detail);
    }

    private void ReportTopology(ClusterSnapshot previous, ClusterSnapshot current)
    {
        if (_topologyReported && previous.PrimaryAddress == current.PrimaryAddress && previous.Replicas.SequenceEqual(current.Replicas))
            return;
        _topologyReported = true;
        MonitoringLog.PrimaryChanged(logger, cluster, current.PrimaryAddress?.ToString() ?? "none",
            current.Replicas.Count == 0 ? "none" : string.Join(", ", current.Replicas));
    }

    private void ReportProblems(ClusterSnapshot previous, ClusterSnapshot current)
    {
        var before = previous.Problems.Select(p => (p.Code, p.Server)).ToHashSet();
        var now = current.Problems.Select(p => (p.Code, p.Server)).ToHashSet();
        foreach (var problem in current.Problems.Where(p => !before.Contains((p.Code, p.Server))))
            MonitoringLog.TopologyProblemFound(logger, cluster, problem.Code, problem.Message);
        foreach (var problem in previous.Problems.Where(p => !now.Contains((p.Code, p.Server))))
            MonitoringLog.TopologyProblemResolved(logger, cluster, problem.Code, problem.Message);
    }
}
