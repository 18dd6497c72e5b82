using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Faults;
using ReplicationManager.Core.Jobs.PostJob;
using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// Drives the jobs of one cluster. It queues tasks for the job script (<see cref="IJobBoard"/>: the jobs table in SQL
/// mode, cookies in API mode), opens a receiver for tasks that stream their output back, and at each tick reads
/// what the script did, lets <see cref="JobProgress"/> decide, and acts: records, ends in error naming the wait
/// that ran out, or keeps the stream. Jobs repman runs itself go through the same history. Every background task
/// is the engine's and is awaited when it stops; a job outlives the request that started it.
/// </summary>
public sealed partial class JobEngine : IAsyncDisposable
{
    public const string RestartMessage = "replication-manager restarted mid-task; aborted for safety";

    private static readonly JobState[] Unfinished = [JobState.Pending, JobState.Processing, JobState.Halted];

    private readonly ClusterOptions _cluster;
    private readonly JobBook _book;
    private readonly JobRecovery _recovery;
    private readonly JobReceivers _receivers;
    private readonly JobDestinations _destinations;
    private readonly BackgroundWork _work = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _processId;
    private readonly RowCorrections _corrections = new();
    private IJobBoard _board;

    public JobEngine(ClusterOptions cluster, JobHistory history, IJobBoard board, ReceiverPortPool ports, JobDestinations destinations, TimeProvider time, ILogger<JobEngine> logger, string processId)
    {
        _cluster = cluster;
        _board = board;
        _destinations = destinations;
        _time = time;
        _logger = logger;
        _processId = processId;
        _book = new JobBook(history, cluster.Monitoring.MonitoringAddress, processId, time, logger, _lifetime.Token);
        _recovery = new JobRecovery(cluster, _book, () => _board, destinations, processId, logger);
        _receivers = new JobReceivers(cluster, ports, destinations, _work, time);
        Script = new JobScriptCalls(this, _book, _receivers, destinations, cluster.Scheduler.LogRotation, time, logger);
    }

    public string Cluster => _cluster.Name;

    public JobHistory History => _book.History;

    /// <summary>How jobs reach the job script now (the cluster's <c>scheduler-jobs-mode</c>).</summary>
    public JobMode Mode => _board.Mode;

    /// <summary>The job script's side of the protocol: needs, receive-task, job-state, write-log.</summary>
    public JobScriptCalls Script { get; }

    /// <summary>The jobs in flight, for the API and for the scheduler's "still running" check.</summary>
    public IReadOnlyList<Job> Active => _book.All.Select(job => job.Job).Where(job => job.Id != 0).ToList();

    /// <summary>The warnings the jobs in flight raise on their servers (replication-manager's WARN codes).</summary>
    public IReadOnlyList<JobWarning> Warnings => Active.Select(JobWarning.For).OfType<JobWarning>().ToList();

    internal IJobBoard Board => _board;

    /// <summary>The wings that drive jobs across hosts (the reseed); set once when the cluster's jobs are made.</summary>
    internal IJobHooks? Hooks { get; set; }

    /// <summary>The restic repository every complete backup goes into (<c>backup-restic</c>), or null.</summary>
    internal Backups.Restic.ResticArchive? Archive { get; set; }

    internal JobTimeouts Timeouts => _cluster.Scheduler.Timeouts;

    /// <summary>Cancels a task's job on a server: it ends in error and its receiver or local work stops.</summary>
    public async Task<bool> CancelAsync(ServerAddress server, string task, CancellationToken cancellationToken)
    {
        if (_book.Find(server, task) is not { } job)
            return false;
        await job.CancelAsync();
        await job.StepGate.WaitAsync(cancellationToken);
        try
        {
            await EndAsync(job, [.. Unfinished, JobState.Finished], JobState.Error, "cancelled by user", cancellationToken);
        }
        finally
        {
            job.StepGate.Release();
        }
        return true;
    }

    /// <summary>Follows the rows of every server with jobs in flight; called once per monitoring tick.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        if (!_corrections.IsEmpty)
        {
            var board = _board;
            _work.Start(() => _corrections.ApplyAllOnceAsync(board, _lifetime.Token));
        }
        foreach (var group in _book.Followed.GroupBy(job => job.Job.Target))
        {
            IReadOnlyList<JobRow> rows;
            try
            {
                rows = await _board.ReadAsync(group.Key, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                JobLog.PollFailed(_logger, group.Key, Cluster, ex.Message);
                continue;
            }
            foreach (var job in group)
                await StepAsync(job, rows.FirstOrDefault(row => row.Id == job.Job.Id), cancellationToken);
        }
    }

    /// <summary>At start: the jobs an earlier repman process left in flight end in error (see <see cref="RestartMessage"/>).</summary>
    public Task RecoverAsync(CancellationToken cancellationToken) => _recovery.RecoverAsync(cancellationToken);

    /// <summary>
    /// Replaces the board (a switch of <c>scheduler-jobs-mode</c>) while no job is in flight; returns the jobs that
    /// prevent it, or an empty list once done. <paramref name="prepare"/> runs with new jobs refused, and may refuse
    /// the switch by returning a reason instead of a board.
    /// </summary>
    public async Task<(IReadOnlyList<Job> Busy, string? Refused)> ReplaceBoardAsync(JobMode mode, Func<CancellationToken, Task<(IJobBoard? Board, string? Refused)>> prepare, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        var busy = _book.Close($"the jobs mode of {Cluster} is being switched to {ModeName(mode)}; try again shortly");
        if (busy.Count > 0)
            return (busy, null);
        try
        {
            var (board, refused) = await prepare(cancellationToken);
            if (board is null)
                return ([], refused ?? "the switch was refused");
            var old = _board;
            _board = board;
            await old.DisposeAsync();
            JobLog.ModeSwitched(_logger, Cluster, ModeName(mode));
            return ([], null);
        }
        finally
        {
            _book.Reopen();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        foreach (var job in _book.All)
        {
            await job.CancelAsync();
            await job.CloseReceiverAsync();
        }
        await _work.WhenAllAsync();
        await _board.DisposeAsync();
        Script.Dispose();
        _lifetime.Dispose();
    }

    /// <summary>Decides the job's next step from what is seen of it now, and acts; steps of one job never interleave.</summary>
    internal async Task StepAsync(InFlightJob job, JobRow? row, CancellationToken cancellationToken)
    {
        await job.StepGate.WaitAsync(cancellationToken);
        try
        {
            if (job.Completion.IsCompleted)
                return;
            // The row's result is the script's account of the job; repman's own messages are appended to it.
            if (row?.Result is { } result && result != job.Job.Result)
                await _book.UpdateAsync(job, record => record with { Result = result });
            var now = _time.GetUtcNow();
            var observed = job.Observe(row, now) with { HasPostJob = !JobTasks.Streaming.Contains(job.Job.Task) && PostJobOf(job.Job.Task) is not null };
            await ActAsync(job, JobProgress.Next(job.Job, observed, now, Timeouts), cancellationToken);
        }
        finally
        {
            job.StepGate.Release();
        }
    }

    internal static string WaitingForScript(JobMode mode) =>
        mode == JobMode.Api ? "waiting for the job script to ask for it (needs)" : "waiting for the job script to start";

    private async Task ActAsync(InFlightJob job, JobStep step, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case JobStep.Wait { State: null, WaitingFor: null }:
                return;
            case JobStep.Wait wait:
                await _book.UpdateAsync(job, record => record with { State = wait.State ?? record.State, WaitingFor = wait.WaitingFor ?? record.WaitingFor });
                return;
            case JobStep.Picked picked:
                await _book.UpdateAsync(job, record => record with { State = picked.State, Result = picked.Result, WaitingFor = null }, save: true);
                JobLog.Picked(_logger, job.Job.Task, job.Job.Target, Cluster, picked.State.ToString());
                return;
            case JobStep.Conclude conclude:
                await EndAsync(job, conclude.From, conclude.To, conclude.Message, cancellationToken);
                return;
            case JobStep.Ended ended:
                await FinishAsync(job, ended.State, ended.Result);
                return;
            case JobStep.Keep keep:
                await KeepAsync(job, keep.Receipt, cancellationToken);
                return;
            case JobStep.RunPostJob:
                job.PostJob = PostJobStatus.Running;
                await _book.UpdateAsync(job, record => record with { State = JobState.Finished, WaitingFor = "running the post-job step" });
                _work.Start(() => RunPostJobAsync(job, PostJobOf(job.Job.Task)!));
                return;
        }
    }

    /// <summary>Archives a complete backup in restic; null when the job is no backup or restic is off.</summary>
    private async Task<(bool Archived, string Message)?> ArchiveAsync(Job job, CancellationToken cancellationToken)
    {
        if (Archive is not { } archive || !JobTasks.Backups.Contains(job.Task) || job.Path is null)
            return null;
        try
        {
            return await archive.ArchiveAsync(job, cancellationToken);
        }
        catch (OperationCanceledException) when (!_lifetime.IsCancellationRequested)
        {
            return (false, "restic did not finish in time");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The job must end whatever the archive does: its failure is the job's error.
            return (false, $"archiving it failed: {ex.Message}");
        }
    }

    private Func<Job, CancellationToken, Task<PostJobOutcome>>? PostJobOf(string task) =>
        PostJobSteps.For(task, _cluster, _time, _logger) ?? Hooks?.PostJob(task);

    /// <summary>
    /// Where the stream of job <paramref name="jobId"/> on <paramref name="server"/> stands, for a wing that reads it as
    /// it arrives (a reseed relaying a donor's backup): its file so far, its status, or the job once it ended.
    /// </summary>
    internal RelayView StreamOf(ServerAddress server, long jobId)
    {
        if (_book.All.FirstOrDefault(job => job.Job.Id == jobId && job.Job.Target == server) is { } inFlight)
            return new RelayView(inFlight.Job.Path ?? inFlight.Receiver?.PartialPath, inFlight.Stream, inFlight.Receiver?.SenderClosedAt, null);
        var ended = History.Of(server).FirstOrDefault(job => job.Id == jobId);
        return new RelayView(ended?.Path, StreamStatus.None, null, ended);
    }

    /// <summary>Ends a job in error for a reason a hook gave (a reseed whose stream did not arrive whole).</summary>
    internal async Task FailAsync(InFlightJob job, string message, CancellationToken cancellationToken)
    {
        await job.StepGate.WaitAsync(cancellationToken);
        try
        {
            await EndAsync(job, [.. Unfinished, JobState.Finished], JobState.Error, message, cancellationToken);
        }
        finally
        {
            job.StepGate.Release();
        }
    }

    /// <summary>
    /// The stream arrived whole and as declared: give it its real name and record it, then run its post-job step (a
    /// physical backup checked, a dump recorded) in the background, or succeed at once. A log collection that brought
    /// nothing new leaves no file.
    /// </summary>
    private async Task KeepAsync(InFlightJob job, StreamReceipt receipt, CancellationToken cancellationToken)
    {
        var receiver = job.Receiver!;
        if (receipt.Bytes == 0 && JobTasks.Logs.Contains(job.Job.Task))
        {
            await EndAsync(job, [JobState.Finished], JobState.Success, "no new lines since the last collection", cancellationToken);
            return;
        }
        try
        {
            CrashPoint.Reach(job.Job.Task, CrashPoint.BeforeRename);
            receiver.Commit();
            CrashPoint.Reach(job.Job.Task, CrashPoint.AfterRename);
        }
        catch (IOException ex)
        {
            await EndAsync(job, [JobState.Finished], JobState.ErrorAfter, $"the stream arrived but could not be kept as {receiver.Destination}: {ex.Message}", cancellationToken);
            return;
        }
        var path = receiver.Destination;
        if (JobTasks.Logs.Contains(job.Job.Task))
            PruneCollections(job.Job);
        var received = $"received {receipt.Bytes} bytes in {receipt.Duration.TotalSeconds:0.###}s, sha256 {receipt.Sha256}, into {path}";
        await _book.UpdateAsync(job, record => record with { Bytes = receipt.Bytes, Sha256 = receipt.Sha256, Path = path, PartialPath = null });
        JobLog.StreamReceived(_logger, job.Job.Task, job.Job.Target, Cluster, receipt.Bytes, path);
        if (PostJobOf(job.Job.Task) is not { } step)
        {
            await EndAsync(job, [JobState.Finished], JobState.Success, received, cancellationToken);
            return;
        }
        job.PostJob = PostJobStatus.Running;
        await _book.UpdateAsync(job, record => record with { Result = JobProgress.Append(record.Result, received), WaitingFor = "running the post-job step" });
        _work.Start(() => RunPostJobAsync(job, step));
    }

    /// <summary>A log collection kept: the collections of that log older than log-rotate-max-age go (a failure only logged).</summary>
    private void PruneCollections(Job job)
    {
        try
        {
            if (CollectedLogs.Prune(_destinations, job.Target, job.Task, _time.GetUtcNow(), _cluster.Scheduler.LogRotation.MaxAge) is var count and > 0)
                JobLog.CollectionsPruned(_logger, count, job.Task, job.Target, Cluster);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            JobLog.CollectionsNotPruned(_logger, job.Task, job.Target, Cluster, ex.Message);
        }
    }

    private async Task RunPostJobAsync(InFlightJob job, Func<Job, CancellationToken, Task<PostJobOutcome>> step)
    {
        PostJobOutcome outcome;
        try
        {
            outcome = await step(job.Job, job.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception ex)
        {
            outcome = PostJobOutcome.Failure($"the post-job step failed: {ex.Message}");
        }
        if (outcome.Succeeded && await ArchiveAsync(job.Job with { Path = outcome.Path ?? job.Job.Path, Position = outcome.Position ?? job.Job.Position }, job.Token) is { } archived)
            outcome = archived.Archived ? outcome with { Message = outcome.Message + "; " + archived.Message }
                : PostJobOutcome.Failure($"{outcome.Message}; the backup is kept and listed but {archived.Message}");
        await _book.UpdateAsync(job, record => record with
        {
            Position = outcome.Position ?? record.Position,
            Path = outcome.Succeeded ? outcome.Path ?? record.Path : null,
        });
        await _book.ForgetRemovedAsync(job.Job.Target, outcome.Removed, job.Job.Id);
        job.PostJob = outcome.Succeeded ? PostJobStatus.Succeeded(outcome.Message) : PostJobStatus.Failed(outcome.Message);
        await StepNowAsync(job, _lifetime.Token);
    }

    /// <summary>Reads the job's row and takes its next step now, rather than at the next tick.</summary>
    internal async Task StepNowAsync(InFlightJob job, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await _board.ReadAsync(job.Job.Target, cancellationToken);
            await StepAsync(job, rows.FirstOrDefault(row => row.Id == job.Job.Id), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next tick takes the step.
            JobLog.PollFailed(_logger, job.Job.Target, Cluster, ex.Message);
        }
    }

    /// <summary>Moves the row to a final state (only from <paramref name="from"/>) and completes the job.</summary>
    private async Task EndAsync(InFlightJob job, IReadOnlyList<JobState> from, JobState to, string message, CancellationToken cancellationToken)
    {
        var record = job.Job;
        try
        {
            await _board.TransitionAsync(record.Target, record.Id, from, to, message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The history is the operator's record; the row is written again once its server answers.
            JobLog.RowNotUpdated(_logger, record.Task, record.Target, Cluster, ex.Message);
            _corrections.Remember(record.Target, record.Id, from, to, message);
        }
        await FinishAsync(job, to, JobProgress.Append(record.Result, message));
    }

    /// <summary>Takes the job out of flight and records its end; its completion is set whatever happens on the way.</summary>
    private async Task FinishAsync(InFlightJob job, JobState state, string result)
    {
        if (!_book.Remove(job))
            return;
        var final = job.Job with { State = state, Result = result, End = _book.Now(), WaitingFor = null, PartialPath = null };
        try
        {
            await job.CancelAsync();
            await job.CloseReceiverAsync();
            job.Record(final);
            await _book.SaveAsync(final);
            if (state == JobState.Success)
                JobLog.Succeeded(_logger, final.Task, final.Target, Cluster, final.Id);
            else
                JobLog.Failed(_logger, final.Task, final.Target, Cluster, final.Id, state.ToString(), result);
        }
        finally
        {
            job.Complete(final);
        }
    }

    private static string ModeName(JobMode mode) => mode.ToString().ToLowerInvariant();
}
