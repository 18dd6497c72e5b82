using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Jobs.Sql;
using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// Drives the jobs of one cluster (SQL mode): puts rows in each server's jobs table, opens a receiver for tasks
/// that stream their output back, follows the rows' states on every tick, runs the post-job step, and ends every
/// job that waits too long in error, naming the wait. Jobs repman runs itself go through the same history.
/// A job outlives the request that started it: its background work stops with the engine or when cancelled.
/// </summary>
public sealed class JobEngine : IAsyncDisposable
{
    public const string RestartMessage = "replication-manager restarted mid-task; aborted for safety";

    private static readonly JobState[] Unfinished = [JobState.Pending, JobState.Processing, JobState.Halted];

    private readonly ClusterOptions _cluster;
    private readonly JobBook _book;
    private readonly JobConnections _connections;
    private readonly JobRecovery _recovery;
    private readonly ReceiverPortPool _ports;
    private readonly JobDestinations _destinations;
    private readonly TimeProvider _time;
    private readonly ILogger<JobEngine> _logger;
    private readonly string _processId;
    private readonly CancellationTokenSource _lifetime = new();

    public JobEngine(ClusterOptions cluster, JobHistory history, JobConnections connections, ReceiverPortPool ports, JobDestinations destinations, TimeProvider time, ILogger<JobEngine> logger, string processId)
    {
        _cluster = cluster;
        _book = new JobBook(history, cluster.Monitoring.MonitoringAddress, processId, time);
        _connections = connections;
        _recovery = new JobRecovery(cluster, _book, connections, destinations, processId, logger);
        _ports = ports;
        _destinations = destinations;
        _time = time;
        _logger = logger;
        _processId = processId;
        _connections.Prepared = _recovery.EndAbandonedRowsAsync;
        _connections.Migrated += (server, change) => JobLog.TableMigrated(_logger, server, Cluster, change);
    }

    public string Cluster => _cluster.Name;

    public JobHistory History => _book.History;

    private JobTimeouts Timeouts => _cluster.Scheduler.Timeouts;

    /// <summary>The jobs in flight, for the API and for the scheduler's "still running" check.</summary>
    public IReadOnlyList<JobRecord> Active => _book.All.Select(job => job.Record).ToList();

    /// <summary>Puts a task in the jobs table of a server for the job script; streaming tasks get a receiver first.</summary>
    /// <param name="cancellationToken">Bounds the dispatch only; the job then lives on its own.</param>
    public async Task<JobSubmission> SubmitRemoteAsync(ServerAddress server, string task, CancellationToken cancellationToken)
    {
        var streaming = JobTasks.Streaming.Contains(task);
        if (_book.Reserve(server, task) is { } reserved)
            return JobSubmission.Refused(reserved);
        ActiveJob? active = null;
        try
        {
            // A streaming row is held back (halted) until its receiver listens; the script only picks pending rows.
            var initial = streaming ? JobState.Halted : JobState.Pending;
            var waiting = streaming ? "waiting for a receiver port" : null;
            var enqueued = await _connections.UseAsync(server, connection =>
                JobsTable.EnqueueAsync(connection, task, _cluster.Monitoring.MonitoringAddress, 0, initial, waiting, new JobOwner(_processId, "sql", streaming), Timeouts.Start, cancellationToken), cancellationToken);
            if (!enqueued.IsEnqueued)
            {
                _book.Unreserve(server, task);
                return JobSubmission.Refused(enqueued.RefusedBecause!);
            }
            active = await _book.TrackAsync(_book.NewRecord(enqueued.JobId!.Value, server, task, JobMode.Sql, initial) with { WaitingFor = waiting ?? "waiting for the job script to start" });
            JobLog.Enqueued(_logger, task, server, Cluster, enqueued.JobId.Value);
            if (streaming)
            {
                active.IsPreparing = true;
                _ = OpenReceiverAsync(active);
            }
            else
                active.PendingSince = _time.GetUtcNow();
            return new JobSubmission(active.Record, null, active.Completion);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (active is null)
                _book.Unreserve(server, task);
            return JobSubmission.Refused($"cannot put {task} in the jobs table of {server}: {ex.Message}");
        }
    }

    /// <summary>Runs a task in repman itself, recorded in the server's jobs table and history like any job.</summary>
    /// <param name="cancellationToken">Bounds the dispatch only; the work then lives on its own.</param>
    public async Task<JobSubmission> RunLocalAsync(ServerAddress server, string task, Func<CancellationToken, Task<LocalJobOutcome>> work, CancellationToken cancellationToken)
    {
        if (_book.Reserve(server, task) is { } reserved)
            return JobSubmission.Refused(reserved);
        EnqueueResult enqueued;
        try
        {
            enqueued = await _connections.UseAsync(server, connection =>
                JobsTable.EnqueueAsync(connection, task, _cluster.Monitoring.MonitoringAddress, 0, JobState.Processing, "processing", new JobOwner(_processId, "local", false), Timeouts.Start, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _book.Unreserve(server, task);
            return JobSubmission.Refused($"cannot record {task} in the jobs table of {server}: {ex.Message}");
        }
        if (!enqueued.IsEnqueued)
        {
            _book.Unreserve(server, task);
            return JobSubmission.Refused(enqueued.RefusedBecause!);
        }
        var active = await _book.TrackAsync(_book.NewRecord(enqueued.JobId!.Value, server, task, JobMode.Local, JobState.Processing));
        JobLog.LocalStarted(_logger, task, server, Cluster, active.Record.Id);
        _ = RunLocalWorkAsync(active, work);
        return new JobSubmission(active.Record, null, active.Completion);
    }

    /// <summary>Cancels a task's job on a server: its row ends in error and its receiver or local work stops.</summary>
    public async Task<bool> CancelAsync(ServerAddress server, string task, CancellationToken cancellationToken)
    {
        if (_book.Find(server, task) is not { Record.Id: not 0 } active)
            return false;
        await active.Cancellation.CancelAsync();
        await EndAsync(active, [.. Unfinished, JobState.Finished], JobState.Error, "cancelled by user", cancellationToken);
        return true;
    }

    /// <summary>Follows the rows of every server with jobs in flight; called once per monitoring tick.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        foreach (var group in _book.Followed.GroupBy(job => job.Record.Target))
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

    /// <summary>At start: the jobs an earlier repman process left in flight end in error (see <see cref="RestartMessage"/>).</summary>
    public Task RecoverAsync(CancellationToken cancellationToken) => _recovery.RecoverAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        foreach (var job in _book.All)
        {
            await job.Cancellation.CancelAsync();
            if (job.Receiver is not null)
                await job.Receiver.DisposeAsync();
        }
        await _connections.DisposeAsync();
        _lifetime.Dispose();
    }

    private async Task OpenReceiverAsync(ActiveJob active)
    {
        var job = active.Record;
        var stopping = _lifetime.Token;
        try
        {
            PortLease lease;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping, active.Cancellation.Token))
            {
                wait.CancelAfter(Timeouts.PortWait);
                try
                {
                    lease = await _ports.AcquireAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested && !active.Cancellation.IsCancellationRequested)
                {
                    await EndAsync(active, [JobState.Halted], JobState.Error, $"timed out after {Seconds(Timeouts.PortWait)} waiting for a receiver port (all of scheduler-db-servers-sender-ports busy; scheduler-jobs-port-wait-timeout)", stopping);
                    return;
                }
            }
            var destination = _destinations.For(job.Target, job.Task, _time.GetUtcNow());
            try
            {
                active.Receiver = StreamReceiver.Open(await ReceiverAddress.ResolveAsync(_cluster.Monitoring.MonitoringAddress, stopping), lease, destination, _time);
            }
            catch
            {
                lease.Dispose();
                throw;
            }
            var port = active.Receiver.Endpoint.Port;
            active.Receive = active.Receiver.ReceiveAsync(Timeouts.StreamAccept, Timeouts.StreamIdle, active.Cancellation.Token);
            // Observed by the tick; this keeps an early failure from being reported as unobserved.
            _ = active.Receive.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            var released = await _connections.UseAsync(job.Target, connection => JobsTableWrites.ReleaseAsync(connection, job.Id, port, stopping), stopping);
            if (!released)
            {
                await EndAsync(active, [JobState.Halted], JobState.Error, "the job row changed while repman opened its receiver", stopping);
                return;
            }
            active.PendingSince = _time.GetUtcNow();
            await _book.UpdateAsync(active, record => record with { Port = port, State = JobState.Pending, WaitingFor = "waiting for the job script to start", PartialPath = active.Receiver.PartialPath, Result = "" });
            active.IsPreparing = false;
            JobLog.ReceiverOpened(_logger, job.Task, job.Target, Cluster, active.Receiver.Endpoint.ToString());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await EndAsync(active, [JobState.Halted, JobState.Pending], JobState.Error, $"cannot open a receiver: {ex.Message}", CancellationToken.None);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || active.Cancellation.IsCancellationRequested)
        {
            // repman is stopping (the next start ends the job) or the job was cancelled (already ended).
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
                await _book.UpdateAsync(active, record => record with { State = row.State, Result = row.Result ?? "", WaitingFor = null }, save: true);
                JobLog.Picked(_logger, job.Task, job.Target, Cluster, row.State.ToString());
                return;
            case JobState.Finished:
                await PostJobAsync(active, row, cancellationToken);
                return;
        }
    }

    /// <summary>The script says the work is done: keep the stream if it arrived whole and as declared, then succeed.</summary>
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
                await _book.UpdateAsync(active, record => record with { State = JobState.Finished, WaitingFor = "waiting for the end of the stream" });
            return;
        }
        if (!active.Receive.IsCompletedSuccessfully)
        {
            await EndAsync(active, [JobState.Finished], JobState.ErrorAfter, "the script finished but the stream did not arrive whole: " + active.Receive.Exception!.GetBaseException().Message, cancellationToken);
            return;
        }
        var receipt = active.Receive.Result;
        if (StreamDeclaration.Parse(row.Result).Mismatch(receipt) is { } mismatch)
        {
            await EndAsync(active, [JobState.Finished], JobState.ErrorAfter, mismatch, cancellationToken);
            return;
        }
        active.Receiver!.Commit();
        var path = active.Receiver.Destination;
        await _book.UpdateAsync(active, record => record with { Bytes = receipt.Bytes, Sha256 = receipt.Sha256, Path = path, PartialPath = null });
        JobLog.StreamReceived(_logger, row.Task, active.Record.Target, Cluster, receipt.Bytes, path);
        await EndAsync(active, [JobState.Finished], JobState.Success, $"received {receipt.Bytes} bytes in {receipt.Duration.TotalSeconds:0.###}s, sha256 {receipt.Sha256}, into {path}", cancellationToken);
    }

    private async Task RunLocalWorkAsync(ActiveJob active, Func<CancellationToken, Task<LocalJobOutcome>> work)
    {
        await Task.Yield();
        LocalJobOutcome outcome;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token, active.Cancellation.Token);
        try
        {
            outcome = await work(linked.Token);
        }
        catch (OperationCanceledException) when (active.Cancellation.IsCancellationRequested)
        {
            return;
        }
        catch (OperationCanceledException)
        {
            outcome = LocalJobOutcome.Failure("repman is stopping; the task was interrupted");
        }
        catch (Exception ex)
        {
            outcome = LocalJobOutcome.Failure(ex.Message);
        }
        await _book.UpdateAsync(active, record => record with { Path = outcome.Path, Bytes = outcome.Bytes, Sha256 = outcome.Sha256 });
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
        if (!_book.Remove(active))
            return;
        if (active.Receiver is not null)
            await active.Receiver.DisposeAsync();
        await active.Cancellation.CancelAsync();
        await _book.UpdateAsync(active, record => record with { State = state, Result = result, End = _book.Now(), WaitingFor = null, PartialPath = null }, save: true);
        if (state == JobState.Success)
            JobLog.Succeeded(_logger, active.Record.Task, active.Record.Target, Cluster, active.Record.Id);
        else
            JobLog.Failed(_logger, active.Record.Task, active.Record.Target, Cluster, active.Record.Id, state.ToString(), result);
        active.Complete(active.Record);
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.#}s";

    private static string Append(string result, string message) =>
        string.IsNullOrEmpty(result) ? message : result + "\n" + message;
}
