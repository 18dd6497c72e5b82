using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Failover;

/// <summary>
/// Before a failover, two looks at the primary from elsewhere than repman's probes, side by side: does it answer
/// on its <c>extra_port</c>, and does any replica still receive events or heartbeats from it within
/// <c>failover-falsepositive-heartbeat-timeout</c>? Either vetoes the failover: two primaries must never take
/// writes. A killed primary has cut its replicas' IO threads already, so the check costs nothing then; a hung one
/// costs the timeout.
/// </summary>
internal sealed class FalsePositiveCheck(ClusterOptions cluster, TimeProvider timeProvider)
{
    /// <summary>What confirms the primary dead; throws <see cref="FailoverVetoedException"/> with the evidence of life.</summary>
    public async Task<string> ConfirmDeadAsync(Change change, CancellationToken cancellationToken)
    {
        var primary = change.Snapshot.Primary!;
        var extraPort = ExtraPortEvidenceAsync(primary, cancellationToken);
        var replicas = ReplicaEvidenceAsync(change, primary.Address, cancellationToken);
        await Task.WhenAll(extraPort, replicas);
        if (await extraPort is { } answers)
            throw new FailoverVetoedException(answers);
        var (receives, outcome) = await replicas;
        return receives is null ? outcome : throw new FailoverVetoedException(receives);
    }

    // A primary that repman's probes cannot reach may still answer on its extra port (a full main port, a firewall
    // on one port): then it lives.
    private async Task<string?> ExtraPortEvidenceAsync(ServerSnapshot primary, CancellationToken cancellationToken)
    {
        if (primary.ExtraPort is not (> 0 and var extra))
            return null;
        try
        {
            await using var probe = await MariaDbConnection.OpenAsync(
                DatabaseConnections.For(cluster.Monitoring, primary.Address.Host, extra, cluster.Monitoring.QueryTimeout, "repman-failover"), cancellationToken);
            return $"it answers on its extra_port {extra}";
        }
        catch (MariaDbException)
        {
            return null;
        }
    }

    private async Task<(string? Veto, string Outcome)> ReplicaEvidenceAsync(Change change, ServerAddress primary, CancellationToken cancellationToken)
    {
        var replicas = new List<ServerAdmin>();
        foreach (var server in change.Snapshot.Servers.Where(s => s.Address != primary && s.IsReachable && s.Replication is not null))
        {
            try
            {
                replicas.Add(await change.AdminAsync(server.Address, cancellationToken));
            }
            catch (MariaDbException)
            {
                // A replica that cannot be asked gives no evidence either way.
            }
        }
        var first = new Dictionary<ServerAddress, string>();
        foreach (var replica in replicas)
        {
            var (ioRunning, evidence) = await replica.ReplicationLifeSignsAsync(cancellationToken);
            if (ioRunning)
                first[replica.Address] = evidence;
        }
        if (first.Count == 0)
            return (null, $"no replica's IO thread is connected to {primary}");
        var timeout = cluster.Failover.FalsePositiveHeartbeatTimeout;
        await Task.Delay(timeout, timeProvider, cancellationToken);
        foreach (var replica in replicas.Where(r => first.ContainsKey(r.Address)))
        {
            var (ioRunning, evidence) = await replica.ReplicationLifeSignsAsync(cancellationToken);
            if (ioRunning && evidence != first[replica.Address])
                return ($"{replica.Address} still receives from it (events or heartbeats moved within {timeout.TotalSeconds:0} s)", "");
        }
        return (null, $"connected IO threads received nothing for {timeout.TotalSeconds:0} s");
    }
}
