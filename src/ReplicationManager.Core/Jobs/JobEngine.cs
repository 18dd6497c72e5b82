using System.Net;
using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Jobs.Sql;
using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// Drives the jobs of one cluster (SQL mode): puts rows in each server's jobs table, opens a receiver for tasks
/// that stream their output back, follows the rows' states on every tick, runs the post-job step, and ends every
/// job that waits too long in error, naming the wait. Jobs repman runs itself go through the same history.
/// </summary>
public sealed class JobEngine : IAsyncDisposable
{
    public const string RestartMessage = "replication-manager restarted mid-task; aborted for safety";

    private static readonly JobState[] Unfinished = [JobState.Pending, JobState.Processing, JobState.Halted];

    private readonly object _gate = new();
    private readonly Dictionary<(ServerAddress Server, string Task), ActiveJob> _active = [];
    private readonly ClusterOptions _cluster;
    private readonly JobConnections _connections;
    private readonly ReceiverPortPool _ports;
    private readonly JobDestinations _destinations;
    private readonly TimeProvider _time;
    private readonly ILogger<JobEngine> _logger;
    private readonly string _processId;

    public JobEngine(ClusterOptions cluster, JobHistory history, JobConnections connections, ReceiverPortPool ports, JobDestinations destinations, TimeProvider time, ILogger<JobEngine> logger, string processId)
    {
        _cluster = cluster;
        History = history;
        _connections = connections;
        _ports = ports;
        _destinations = destinations;
        _time = time;
        _logger = logger;
        _processId = processId;
        _connections.Prepared = EndAbandonedRowsAsync;
        _connections.Migrated += (server, change) => JobLog.TableMigrated(_logger, server, Cluster, change);
    }

    public string Cluster => _cluster.Name;

    public JobHistory History { get; }

    private JobTimeouts Timeouts => _cluster.Scheduler.Timeouts;

    /// <summary>The jobs in flight, for the API and for the scheduler's "still running" check.</summary>
    public IReadOnlyList<JobRecord> Active
    {
        get
        {
            lock (_gate)
                return _active.Values.Select(job => job.Record).ToList();
        }
    }

    /// <summary>Puts a task in the jobs table of a server for the job script; streaming tasks get a receiver first.</summary>
    public async Task<JobSubmission> SubmitRemoteAsync(ServerAddress server, string task, CancellationToken cancellationToken)
    {
        var streaming = JobTasks.Streaming.Contains(task);
        var reserved = Reserve(server, task);
        if (reserved is not null)
            return JobSubmission.Refused(reserved);
        ActiveJob? active = null;
        try
        {
            var initial = streaming ? JobState.Halted : JobState.Pending;
            var waiting = streaming ? "waiting for a receiver port" : null;
            var enqueued = await _connections.UseAsync(server, connection =>
                JobsTable.EnqueueAsync(connection, task, _cluster.Monitoring.MonitoringAddress, 0, initial, waiting, new JobOwner(_processId, "sql", streaming), Timeouts.Start, cancellationToken), cancellationToken);
            if (!enqueued.IsEnqueued)
            {
                Unreserve(server, task);
                return JobSubmission.Refused(enqueued.RefusedBecause!);
            }
            active = await TrackAsync(server, task, NewRecord(enqueued.JobId!.Value, server, task, JobMode.Sql, initial) with { WaitingFor = waiting ?? "waiting for the job script to start" });
            if (!streaming)
                active.PendingSince = _time.GetUtcNow();
            JobLog.Enqueued(_logger, task, server, Cluster, enqueued.JobId.Value);
            if (streaming)
            {
                active.IsPreparing = true;
                _ = OpenReceiverAsync(active, cancellationToken);
            }
            return new JobSubmission(active.Record, null, active.Completion);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (active is null)
                Unreserve(server, task);
            return JobSubmission.Refused($"cannot put {task} in the jobs table of {server}: {ex.Message}");
        }
    }

    /// <summary>Runs a task in repman itself, recorded in the server's jobs table and history like any job.</summary>
    public async Task<JobSubmission> RunLocalAsync(ServerAddress server, string task, Func<CancellationToken, Task<LocalJobOutcome>> work, CancellationToken cancellationToken)
    {
        var reserved = Reserve(server, task);
        if (reserved is not null)
            return JobSubmission.Refused(reserved);
        EnqueueResult enqueued;
        try
        {
            enqueued = await _connections.UseAsync(server, connection =>
                JobsTable.EnqueueAsync(connection, task, _cluster.Monitoring.MonitoringAddress, 0, JobState.Processing, "processing", new JobOwner(_processId, "local", false), Timeouts.Start, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Unreserve(server, task);
            return JobSubmission.Refused($"cannot record {task} in the jobs table of {server}: {ex.Message}");
        }
        if (!enqueued.IsEnqueued)
        {
            Unreserve(server, task);
            return JobSubmission.Refused(enqueued.RefusedBecause!);
        }
        var active = await TrackAsync(server, task, NewRecord(enqueued.JobId!.Value, server, task, JobMode.Local, JobState.Processing));
        JobLog.LocalStarted(_logger, task, server, Cluster, active.Record.Id);
        _ = RunLocalWorkAsync(active, work, cancellationToken);
        return new JobSubmission(active.Record, null, active.Completion);
    }

    /// <summary>Cancels a task's job on a server: its row ends in error and its receiver or local work stops.</summary>
    public async Task<bool> CancelAsync(ServerAddress server, string task, CancellationToken cancellationToken)
    {
        ActiveJob? active;
        lock (_gate)
            active = _active.GetValueOrDefault((server, task));
        if (active is null || active.Record.Id == 0)
            return false;
        await active.Cancellation.CancelAsync();
        await EndAsync(active, Unfinished.Append(JobState.Finished).ToArray(), JobState.Error, "cancelled by user", cancellationToken);
        return true;
    }

    /// <summary>Follows the rows of every server with jobs in flight; called once per monitoring tick.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        List<IGrouping<ServerAddress, ActiveJob>> byServer;
        lock (_gate)
            byServer = _active.Values.Where(job => job.Record.Id != 0 && job.Record.Mode == JobMode.Sql && !job.IsPreparing).GroupBy(job => job.Record.Target).ToList();
        foreach (var group in byServer)
        {
            IReadOnlyList<JobRow> rows;
            try
            {
                rows = await _connections.UseAsync(group.Key, connection => JobsTable.ReadAsync(connection, cancellationToken), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                JobLog.PollFailed(_logger, group.Key, Cluster, ex.Message);
                continue;
            }
            foreach (var active in group)
                await FollowAsync(active, rows.FirstOrDefault(row => row.Id == active.Record.Id), cancellationToken);
        }
    }

    /// <summary>
    /// At start: every job an earlier repman process was driving and that is not over is ended in error, its row too
    /// (its receiver died with that process), and its partial output is deleted.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var server in _cluster.Monitoring.Hosts)
        {
            foreach (var directory in new[] { _destinations.LogDirectory(server), _destinations.BackupDirectory(server) }.Where(Directory.Exists))
            {
                foreach (var partial in Directory.EnumerateFiles(directory, ".*.partial"))
                    DeleteQuietly(partial);
            }
        }
        foreach (var job in History.All().Where(job => !job.State.IsOver() && job.DrivenBy != _processId))
        {
            DeleteQuietly(job.PartialPath);
            try
            {
                await _connections.UseAsync(job.Target, connection =>
                    JobsTable.TransitionAsync(connection, job.Id, [.. Unfinished, JobState.Finished], JobState.Error, RestartMessage, cancellationToken), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                JobLog.RecoveryRowNotUpdated(_logger, job.Task, job.Target, Cluster, ex.Message);
            }
            await History.PutAsync(job with { State = JobState.Error, Result = Append(job.Result, RestartMessage), End = Now(), PartialPath = null, WaitingFor = null }, cancellationToken);
            JobLog.AbortedAfterRestart(_logger, job.Task, job.Target, Cluster, job.Id);
        }
    }

    /// <summary>
    /// The first time this process reaches a server: rows an earlier repman process drove and that died with it end
    /// in error, even when this process has no history of them (a lost data directory, another host).
    /// </summary>
    private async Task EndAbandonedRowsAsync(ServerAddress server, MariaDbConnection connection, CancellationToken cancellationToken)
    {
        foreach (var row in await JobsTable.EndAbandonedAsync(connection, _processId, _cluster.Monitoring.MonitoringAddress, RestartMessage, cancellationToken))
            JobLog.AbandonedRowEnded(_logger, row.Task, server, Cluster, row.Id, row.State.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        List<ActiveJob> active;
        lock (_gate)
            active = _active.Values.ToList();
        foreach (var job in active)
        {
            await job.Cancellation.CancelAsync();
            if (job.Receiver is not null)
                await job.Receiver.DisposeAsync();
        }
        await _connections.DisposeAsync();
    }

    private async Task OpenReceiverAsync(ActiveJob active, CancellationToken cancellationToken)
    {
        var job = active.Record;
        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, active.Cancellation.Token);
            wait.CancelAfter(Timeouts.PortWait);
            PortLease lease;
            try
            {
                lease = await _ports.AcquireAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !active.Cancellation.IsCancellationRequested)
            {
                await EndAsync(active, [JobState.Halted], JobState.Error, $"timed out after {Seconds(Timeouts.PortWait)} waiting for a receiver port (all of scheduler-db-servers-sender-ports busy; scheduler-jobs-port-wait-timeout)", cancellationToken);
                return;
            }
            var destination = _destinations.For(job.Target, job.Task, _time.GetUtcNow());
            try
            {
                active.Receiver = StreamReceiver.Open(await BindAddressAsync(cancellationToken), lease, destination, _time);
            }
            catch
            {
                lease.Dispose();
                throw;
            }
            var port = active.Receiver.Endpoint.Port;
            active.Receive = active.Receiver.ReceiveAsync(Timeouts.StreamAccept, Timeouts.StreamIdle, active.Cancellation.Token);
            _ = active.Receive.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            var released = await _connections.UseAsync(job.Target, connection => JobsTableWrites.ReleaseAsync(connection, job.Id, port, cancellationToken), cancellationToken);
            if (!released)
            {
                await EndAsync(active, [JobState.Halted], JobState.Error, "the job row changed while repman opened its receiver", cancellationToken);
                return;
            }
            active.PendingSince = _time.GetUtcNow();
            await UpdateAsync(active, record => record with { Port = port, State = JobState.Pending, WaitingFor = "waiting for the job script to start", PartialPath = active.Receiver.PartialPath, Result = "" });
            active.IsPreparing = false;
            JobLog.ReceiverOpened(_logger, job.Task, job.Target, Cluster, active.Receiver.Endpoint.ToString());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await EndAsync(active, [JobState.Halted, JobState.Pending], JobState.Error, $"cannot open a receiver: {ex.Message}", CancellationToken.None);
        }
    }

    private async Task FollowAsync(ActiveJob active, JobRow? row, CancellationToken cancellationToken)
    {
        var job = active.Record;
        if (row is null)
        {
            await FinishAsync(active, JobState.Error, Append(job.Result, "the job row disappeared from the jobs table"));
            return;
        }
        if (row.State.IsOver())
        {
            await FinishAsync(active, row.State, row.Result ?? "");
            return;
        }
        if (active.Receive is { IsFaulted: true } failed && row.State != JobState.Finished)
        {
            await EndAsync(active, Unfinished, JobState.Error, failed.Exception!.GetBaseException().Message, cancellationToken);
            return;
        }
        switch (row.State)
        {
            case JobState.Pending when active.PendingSince is { } since && _time.GetUtcNow() - since > Timeouts.Start:
                await EndAsync(active, [JobState.Pending], JobState.Error, $"timed out after {Seconds(Timeouts.Start)} waiting for the job script to start the job (scheduler-jobs-start-timeout)", cancellationToken);
                return;
            case JobState.Processing or JobState.Halted when row.State != job.State:
                await UpdateAsync(active, record => record with { State = row.State, Result = row.Result ?? "", WaitingFor = null }, save: true);
                JobLog.Picked(_logger, job.Task, job.Target, Cluster, row.State.ToString());
                return;
            case JobState.Finished:
                await PostJobAsync(active, row, cancellationToken);
                return;
        }
    }

    private async Task PostJobAsync(ActiveJob active, JobRow row, CancellationToken cancellationToken)
    {
        active.FinishedSeenAt ??= _time.GetUtcNow();
        if (active.Receive is null)
        {
            await EndAsync(active, [JobState.Finished], JobState.Success, "done", cancellationToken);
            return;
        }
        if (!active.Receive.IsCompleted)
        {
            if (_time.GetUtcNow() - active.FinishedSeenAt > Timeouts.PostJob)
                await EndAsync(active, [JobState.Finished], JobState.ErrorAfter, $"timed out after {Seconds(Timeouts.PostJob)} waiting for the stream to end after the script finished (scheduler-jobs-post-timeout)", cancellationToken);
            else
                await UpdateAsync(active, record => record with { State = JobState.Finished, WaitingFor = "waiting for the end of the stream" });
            return;
        }
        if (!active.Receive.IsCompletedSuccessfully)
        {
            await EndAsync(active, [JobState.Finished], JobState.ErrorAfter, "the script finished but the stream did not arrive whole: " + active.Receive.Exception!.GetBaseException().Message, cancellationToken);
            return;
        }
        var receipt = active.Receive.Result;
        var declared = StreamDeclaration.Parse(row.Result);
        if (declared.Mismatch(receipt) is { } mismatch)
        {
            await EndAsync(active, [JobState.Finished], JobState.ErrorAfter, mismatch, cancellationToken);
            return;
        }
        active.Receiver!.Commit();
        var path = active.Receiver.Destination;
        await UpdateAsync(active, record => record with { Bytes = receipt.Bytes, Sha256 = receipt.Sha256, Path = path, PartialPath = null });
        JobLog.StreamReceived(_logger, row.Task, active.Record.Target, Cluster, receipt.Bytes, path);
        await EndAsync(active, [JobState.Finished], JobState.Success, $"received {receipt.Bytes} bytes in {receipt.Duration.TotalSeconds:0.###}s, sha256 {receipt.Sha256}, into {path}", cancellationToken);
    }

    private async Task RunLocalWorkAsync(ActiveJob active, Func<CancellationToken, Task<LocalJobOutcome>> work, CancellationToken cancellationToken)
    {
        await Task.Yield();
        LocalJobOutcome outcome;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, active.Cancellation.Token);
        try
        {
            outcome = await work(linked.Token);
        }
        catch (OperationCanceledException) when (active.Cancellation.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcome = LocalJobOutcome.Failure(ex.Message);
        }
        catch (OperationCanceledException)
        {
            outcome = LocalJobOutcome.Failure("repman is stopping; the task was interrupted");
        }
        await UpdateAsync(active, record => record with { Path = outcome.Path, Bytes = outcome.Bytes, Sha256 = outcome.Sha256 });
        await EndAsync(active, [JobState.Processing], outcome.Succeeded ? JobState.Success : JobState.Error, outcome.Result, CancellationToken.None);
    }

    /// <summary>Moves the row to a final state (only from <paramref name="from"/>) and completes the job.</summary>
    private async Task EndAsync(ActiveJob active, JobState[] from, JobState to, string message, CancellationToken cancellationToken)
    {
        var job = active.Record;
        try
        {
            await _connections.UseAsync(job.Target, connection => JobsTable.TransitionAsync(connection, job.Id, from, to, message, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The history is the operator's record; the row is corrected by the restart rule if this repman stops.
            JobLog.RowNotUpdated(_logger, job.Task, job.Target, Cluster, ex.Message);
        }
        await FinishAsync(active, to, Append(job.Result, message));
    }

    private async Task FinishAsync(ActiveJob active, JobState state, string result)
    {
        lock (_gate)
        {
            if (!_active.Remove((active.Record.Target, active.Record.Task)))
                return;
        }
        if (active.Receiver is not null)
            await active.Receiver.DisposeAsync();
        await active.Cancellation.CancelAsync();
        await UpdateAsync(active, record => record with { State = state, Result = result, End = Now(), WaitingFor = null, PartialPath = null }, save: true);
        if (state == JobState.Success)
            JobLog.Succeeded(_logger, active.Record.Task, active.Record.Target, Cluster, active.Record.Id);
        else
            JobLog.Failed(_logger, active.Record.Task, active.Record.Target, Cluster, active.Record.Id, state.ToString(), result);
        active.Complete(active.Record);
    }

    private string? Reserve(ServerAddress server, string task)
    {
        lock (_gate)
        {
            if (_active.TryGetValue((server, task), out var running))
                return $"task {task} is already {Describe(running.Record)} on {server} (job {running.Record.Id})";
            _active[(server, task)] = new ActiveJob(NewRecord(0, server, task, JobMode.Sql, JobState.Halted));
            return null;
        }
    }

    private void Unreserve(ServerAddress server, string task)
    {
        lock (_gate)
            _active.Remove((server, task));
    }

    private async Task<ActiveJob> TrackAsync(ServerAddress server, string task, JobRecord record)
    {
        var active = new ActiveJob(record);
        lock (_gate)
            _active[(server, task)] = active;
        await History.PutAsync(record, CancellationToken.None);
        return active;
    }

    /// <summary>
    /// Changes the job's record. Only the moves an operator must find after a restart are saved at once (picked up,
    /// ended); passing details stay in memory until then, so a busy scheduler does not write a file per detail.
    /// </summary>
    private async Task UpdateAsync(ActiveJob active, Func<JobRecord, JobRecord> change, bool save = false)
    {
        var updated = change(active.Record);
        if (updated == active.Record)
            return;
        active.Record = updated;
        if (save)
            await History.PutAsync(updated, CancellationToken.None);
        else
            History.Remember(updated);
    }

    private JobRecord NewRecord(long id, ServerAddress server, string task, JobMode mode, JobState state) => new()
    {
        Id = id,
        Task = task,
        Target = server,
        Mode = mode,
        State = state,
        ReceiverHost = _cluster.Monitoring.MonitoringAddress,
        Start = Now(),
        DrivenBy = _processId,
    };

    private async Task<IPAddress> BindAddressAsync(CancellationToken cancellationToken)
    {
        var address = _cluster.Monitoring.MonitoringAddress;
        if (IPAddress.TryParse(address, out var ip))
            return ip;
        var resolved = await Dns.GetHostAddressesAsync(address, cancellationToken);
        return resolved.FirstOrDefault(candidate => candidate.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? resolved.FirstOrDefault()
            ?? throw new InvalidOperationException($"monitoring-address '{address}' does not resolve");
    }

    private static void DeleteQuietly(string? path)
    {
        try
        {
            if (path is not null)
                File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A hidden partial file that cannot be removed is never listed; nothing more to do.
        }
    }

    private static string Describe(JobRecord job) =>
        job.WaitingFor ?? job.State.ToString().ToLowerInvariant();

    private long Now() => _time.GetUtcNow().ToUnixTimeSeconds();

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.#}s";

    private static string Append(string result, string message) =>
        string.IsNullOrEmpty(result) ? message : result + "\n" + message;
}
