using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Jobs.Sql;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Api;

/// <summary>
/// API mode needs no jobs table (spec 6.1.8.2): it is dropped on each server once no row there is pending or running;
/// the <c>replication_manager_schema</c> schema stays. A server whose table still holds such rows keeps it, with a
/// warning that names them, and is tried again later; a server that does not answer is tried again later too.
/// </summary>
internal sealed class JobsTableRetirement(ClusterOptions cluster, ILogger logger)
{
    private readonly object _gate = new();
    private readonly Dictionary<ServerAddress, string?> _unsettled = cluster.Monitoring.Hosts.ToDictionary(server => server, _ => (string?)null);

    /// <summary>Every server's table is dropped or was never there.</summary>
    public bool IsSettled
    {
        get
        {
            lock (_gate)
                return _unsettled.Count == 0;
        }
    }

    /// <summary>The servers that keep their table because of busy rows (WARN0207).</summary>
    public IReadOnlyList<JobWarning> Warnings
    {
        get
        {
            lock (_gate)
            {
                return _unsettled.Where(pair => pair.Value is not null)
                    .Select(pair => new JobWarning("WARN0207", $"Jobs table of server {pair.Key} kept in API mode: {pair.Value}", pair.Key.ToString()))
                    .ToList();
            }
        }
    }

    /// <summary>Tries every server not settled yet; returns why each one that is still not settled could not be.</summary>
    public async Task<IReadOnlyList<string>> RetireAsync(CancellationToken cancellationToken)
    {
        List<ServerAddress> servers;
        lock (_gate)
            servers = _unsettled.Keys.ToList();
        var refusals = new List<string>();
        foreach (var server in servers)
        {
            var (settled, busy, failure) = await TryDropAsync(server, cancellationToken);
            lock (_gate)
            {
                if (settled)
                {
                    _unsettled.Remove(server);
                    continue;
                }
                if (busy is not null && busy != _unsettled[server])
                    JobLog.JobsTableKept(logger, server, cluster.Name, busy);
                if (busy is not null)
                    _unsettled[server] = busy;
            }
            refusals.Add($"{server}: {busy ?? failure}");
        }
        return refusals;
    }

    private async Task<(bool Settled, string? Busy, string? Failure)> TryDropAsync(ServerAddress server, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await MariaDbConnection.OpenAsync(DatabaseConnections.For(cluster.Monitoring, server.Host, server.Port, cluster.Monitoring.QueryTimeout, "repman-jobs"), cancellationToken);
            await JobsTable.PrepareSessionAsync(connection, cancellationToken);
            var (existed, busy) = await JobsTable.DropUnlessBusyAsync(connection, cancellationToken);
            if (busy.Count > 0)
                return (false, $"{busy.Count} row(s) pending or running ({string.Join(", ", busy.Select(row => $"job {row.Id} {row.Task} {row.State.ToString().ToLowerInvariant()}"))}); cancel them or switch back to sql", null);
            if (existed)
                JobLog.JobsTableDropped(logger, server, cluster.Name);
            return (true, null, null);
        }
        catch (MariaDbException ex)
        {
            return (false, null, $"not reached: {ex.Message}");
        }
    }
}
