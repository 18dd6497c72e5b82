using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Failover;

/// <summary>
/// The state of one switchover or failover while it runs: the sessions it opened (one per server, kept to the end,
/// since a read lock lives as long as its session), what it must undo, what it read.
/// </summary>
internal sealed class Change(PrimaryChangePlan plan, ClusterSnapshot snapshot, ClusterOptions cluster) : IAsyncDisposable
{
    private readonly Dictionary<ServerAddress, ServerAdmin> _admins = [];
    private readonly Stack<(string What, Func<CancellationToken, Task> Undo)> _undo = new();
    private bool _maxConnectionsRestored;

    public PrimaryChangePlan Plan => plan;

    public ClusterSnapshot Snapshot => snapshot;

    /// <summary>The old primary's max_connections before the drain.</summary>
    public long? SavedMaxConnections { get; set; }

    /// <summary>The old primary's gtid_binlog_pos once frozen.</summary>
    public GtidList? FinalPosition { get; set; }

    public List<string> Warnings { get; } = [];

    public List<ServerAddress> NotRepointed { get; } = [];

    public async Task<ServerAdmin> AdminAsync(ServerAddress address, CancellationToken cancellationToken)
    {
        if (_admins.TryGetValue(address, out var admin))
            return admin;
        var server = snapshot.Find(address) ?? throw new StepFailedException($"{address} is not a server of the cluster");
        // Statements are bounded by the monitoring read timeout; the steps that wait longer bound themselves.
        admin = await ServerAdmin.OpenAsync(cluster.Monitoring, server, cluster.Failover.WaitTrx + TimeSpan.FromSeconds(5), cancellationToken);
        _admins[address] = admin;
        return admin;
    }

    public void OnUndo(string what, Func<CancellationToken, Task> undo) => _undo.Push((what, undo));

    /// <summary>The candidate was promoted: nothing is undone any more.</summary>
    public bool IsCommitted { get; private set; }

    /// <summary>Past the promotion nothing is undone any more.</summary>
    public void Commit()
    {
        _undo.Clear();
        IsCommitted = true;
    }

    /// <summary>Undoes every recorded step, newest first, then gives max_connections back; an undo that fails is logged and the rest go on.</summary>
    public async Task UndoAsync(ILogger logger, string clusterName)
    {
        using var bound = new CancellationTokenSource(cluster.Failover.WaitTrx + TimeSpan.FromSeconds(10));
        while (_undo.TryPop(out var entry))
        {
            try
            {
                await entry.Undo(bound.Token);
                FailoverLog.Undone(logger, clusterName, entry.What);
            }
            catch (Exception ex) when (ex is MariaDbException or OperationCanceledException)
            {
                FailoverLog.UndoFailed(logger, clusterName, entry.What, ex.Message);
            }
        }
        try
        {
            if (await RestoreMaxConnectionsAsync(bound.Token) is { } restored)
                FailoverLog.Undone(logger, clusterName, restored);
        }
        catch (Exception ex) when (ex is MariaDbException or OperationCanceledException)
        {
            FailoverLog.UndoFailed(logger, clusterName, $"max_connections = {SavedMaxConnections} on {plan.OldPrimary}", ex.Message);
        }
    }

    /// <summary>Sets the old primary's max_connections back once; null when it was not lowered.</summary>
    public async Task<string?> RestoreMaxConnectionsAsync(CancellationToken cancellationToken)
    {
        if (SavedMaxConnections is not { } saved || _maxConnectionsRestored)
            return null;
        var admin = await AdminAsync(plan.OldPrimary!, cancellationToken);
        await admin.SetMaxConnectionsAsync(saved, cancellationToken);
        _maxConnectionsRestored = true;
        return $"max_connections = {saved} on {plan.OldPrimary}";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var admin in _admins.Values)
            await admin.DisposeAsync();
    }
}
