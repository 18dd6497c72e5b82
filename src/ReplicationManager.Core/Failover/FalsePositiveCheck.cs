using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Failover;

/// <summary>
/// Before a failover, two looks at the primary from elsewhere than repman's probes, side by side: does it answer
/// on its <c>extra_port</c> and take a write there, and does any replica still receive events or heartbeats from it
/// within <c>failover-falsepositive-heartbeat-timeout</c>? Either vetoes the failover: two primaries must never take
/// writes. A primary that answers but cannot write is no veto: its clients cannot use it either. A killed primary has cut its replicas' IO threads already, so the check costs nothing then; a hung one
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
        await Task.WhenAll((Task)extraPort, replicas);
        var (answers, cannotWrite) = await extraPort;
        if (answers is not null)
            throw new FailoverVetoedException(answers);
        var (receives, outcome) = await replicas;
        if (receives is not null)
            throw new FailoverVetoedException(receives);
        return cannotWrite is null ? outcome : $"{outcome}; {cannotWrite}";
    }

    /// <summary>
    /// A primary that repman's probes cannot reach may still answer on its extra port (a full main port, a firewall on
    /// one port): if it takes a write there, it lives (the veto). If it answers but cannot write (storage full or hung,
    /// a lock held), clients cannot use it either: that is no reason to wait (the note).
    /// </summary>
    internal async Task<(string? Veto, string? Note)> ExtraPortEvidenceAsync(ServerSnapshot primary, CancellationToken cancellationToken)
    {
        if (primary.ExtraPort is not (> 0 and var extra))
            return (null, null);
        MariaDbConnection probe;
        try
        {
            probe = await MariaDbConnection.OpenAsync(
                DatabaseConnections.For(cluster.Monitoring, primary.Address.Host, extra, cluster.Monitoring.QueryTimeout, "repman-failover")
                    with
                { StatementStopTimeout = TimeSpan.FromSeconds(1) }, cancellationToken);
        }
        catch (MariaDbException)
        {
            return (null, null);
        }
        await using (probe)
        {
            try
            {
                // Written without binary log: a check of this server's own storage, nothing for the replicas.
                await probe.ExecuteAsync($"SET SESSION sql_log_bin = 0", cancellationToken);
                await probe.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS replication_manager_schema", cancellationToken);
                await probe.ExecuteAsync($"CREATE TABLE IF NOT EXISTS replication_manager_schema.failover_check (id TINYINT PRIMARY KEY, at TIMESTAMP(6) NOT NULL) ENGINE=InnoDB", cancellationToken);
                await probe.ExecuteAsync($"REPLACE INTO replication_manager_schema.failover_check VALUES (1, NOW(6))", cancellationToken);
                return ($"it answers on its extra_port {extra} and takes writes", null);
            }
            catch (MariaDbException ex)
            {
                return (null, $"it answers on its extra_port {extra} but cannot write ({ex.Message})");
            }
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
