using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Sql;

/// <summary>
/// SQL mode (spec 6.1.8.1): jobs are rows of <c>replication_manager_schema.jobs</c> on each server, written with
/// <c>sql_log_bin=0</c> through one bookkeeping connection per server. The first time this process reaches a server,
/// the table is created or migrated and the rows an earlier repman process drove, and that cannot finish without it,
/// are ended (<see cref="JobOwner.IsAbandonedFor"/>).
/// </summary>
internal sealed class SqlJobBoard : IJobBoard
{
    private readonly string _cluster;
    private readonly string _receiverHost;
    private readonly string _processId;
    private readonly TimeSpan _abandonedAfter;
    private readonly ILogger _logger;
    private readonly JobConnections _connections;

    public SqlJobBoard(ClusterOptions cluster, string processId, ILogger logger)
    {
        _cluster = cluster.Name;
        _receiverHost = cluster.Monitoring.MonitoringAddress;
        _processId = processId;
        _abandonedAfter = cluster.Scheduler.Timeouts.Start;
        _logger = logger;
        _connections = new JobConnections(cluster.Monitoring, PrepareAsync);
    }

    public JobMode Mode => JobMode.Sql;

    /// <summary>Every post in one round trip on the server's bookkeeping connection.</summary>
    public Task<IReadOnlyList<EnqueueResult>> EnqueueAsync(ServerAddress server, IReadOnlyList<JobPost> posts, CancellationToken cancellationToken) =>
        _connections.UseAsync(server, connection => JobsTable.EnqueueAsync(connection, posts, _receiverHost, _abandonedAfter, cancellationToken), cancellationToken);

    public Task<bool> ReleaseAsync(ServerAddress server, long id, int port, CancellationToken cancellationToken) =>
        _connections.UseAsync(server, connection => JobsTable.ReleaseAsync(connection, id, port, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<JobRow>> ReadAsync(ServerAddress server, CancellationToken cancellationToken) =>
        _connections.UseAsync(server, connection => JobsTable.ReadAsync(connection, cancellationToken), cancellationToken);

    public Task<bool> TransitionAsync(ServerAddress server, long id, IReadOnlyCollection<JobState> from, JobState target, string message, CancellationToken cancellationToken) =>
        _connections.UseAsync(server, connection => JobsTable.TransitionAsync(connection, id, from, target, message, cancellationToken), cancellationToken);

    /// <summary>A pending row of the task, released to the script (a streaming row has its receiver's port).</summary>
    public async Task<bool> ClaimAsync(ServerAddress server, string task, CancellationToken cancellationToken) =>
        (await ReadAsync(server, cancellationToken)).Any(row =>
            row.Task == task && row.State == JobState.Pending && (row.Port > 0 || !JobTasks.Streaming.Contains(task)));

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    private async Task PrepareAsync(ServerAddress server, MariaDbConnection connection, CancellationToken cancellationToken)
    {
        foreach (var change in await JobsTable.EnsureAsync(connection, cancellationToken))
            JobLog.TableMigrated(_logger, server, _cluster, change);
        foreach (var row in await JobsTable.EndAbandonedAsync(connection, _processId, _receiverHost, JobEngine.RestartMessage, cancellationToken))
            JobLog.AbandonedRowEnded(_logger, row.Task, server, _cluster, row.Id, row.State.ToString());
    }
}
