using ReplicationManager.Core.Faults;
using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>The engine's submissions: jobs posted for the job script and jobs repman runs itself.</summary>
public sealed partial class JobEngine
{
    private const string WaitingForPort = "waiting for a receiver port";

    /// <summary>Queues a task for the job script on a server; a streaming task gets its receiver first in SQL mode.</summary>
    /// <param name="cancellationToken">Bounds the dispatch only; the job then lives on its own.</param>
    /// <param name="saveHistory">False when the caller saves the server's history once for several jobs (<see cref="SaveHistoryAsync"/>).</param>
    public async Task<JobSubmission> SubmitRemoteAsync(ServerAddress server, string task, CancellationToken cancellationToken, bool saveHistory = true) =>
        (await SubmitRemoteAsync(server, [task], cancellationToken, saveHistory))[0];

    /// <summary>
    /// Queues several tasks for the job script on one server, their rows posted in one round trip; one submission per
    /// task, in order. In SQL mode a streaming row goes out with its receiver's port, as the script takes only pending
    /// rows: the receiver listens before the row is written when a port is free at once, else the row is held back
    /// (halted) until one is. In API mode the script asks for its receiver (receive-task) once it takes the job.
    /// </summary>
    /// <param name="cancellationToken">Bounds the dispatch only; the jobs then live on their own.</param>
    /// <param name="saveHistory">False when the caller saves the server's history itself (<see cref="SaveHistoryAsync"/>).</param>
    public async Task<IReadOnlyList<JobSubmission>> SubmitRemoteAsync(ServerAddress server, IReadOnlyList<string> tasks, CancellationToken cancellationToken, bool saveHistory = true)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var board = _board;
        var receivers = new StreamReceiver?[tasks.Count];
        try
        {
            var posts = new List<JobPost>(tasks.Count);
            for (var i = 0; i < tasks.Count; i++)
            {
                var streaming = JobTasks.Streaming.Contains(tasks[i]);
                var owner = new JobOwner(_processId, ModeName(board.Mode), streaming);
                var needsPort = streaming && board.Mode == JobMode.Sql;
                if (needsPort)
                    receivers[i] = await _receivers.TryOpenAtOnceAsync(server, tasks[i], cancellationToken);
                if (receivers[i] is { } receiver)
                    posts.Add(new JobPost(tasks[i], JobState.Pending, receiver.Endpoint.Port, null, owner));
                else
                    posts.Add(needsPort ? new JobPost(tasks[i], JobState.Halted, 0, WaitingForPort, owner) : new JobPost(tasks[i], JobState.Pending, 0, null, owner));
            }
            var posted = await PostAsync(board, server, board.Mode, posts, task => $"cannot board {task} for {server}", cancellationToken);
            var submissions = new JobSubmission[tasks.Count];
            for (var i = 0; i < tasks.Count; i++)
            {
                if (posted[i].Refused is { } refused)
                {
                    if (receivers[i] is { } unused)
                        await unused.DisposeAsync();
                    receivers[i] = null;
                    submissions[i] = JobSubmission.Refused(refused);
                    continue;
                }
                var job = await TrackPostedAsync(board.Mode, server, posts[i], posted[i].Id, receivers[i]);
                receivers[i] = null;
                submissions[i] = new JobSubmission(job.Job, null, job.Completion);
            }
            if (saveHistory && submissions.Any(submission => submission.IsAccepted))
                await _book.SaveHistoryAsync(server);
            return submissions;
        }
        catch
        {
            // The receivers no job took.
            foreach (var receiver in receivers.OfType<StreamReceiver>())
                await receiver.DisposeAsync();
            throw;
        }
    }

    /// <summary>Saves the server's history now (after jobs submitted without saving it).</summary>
    public Task SaveHistoryAsync(ServerAddress server) => _book.SaveHistoryAsync(server);

    /// <summary>Runs a task in repman itself, recorded in the server's jobs table (SQL mode) and history like any job.</summary>
    /// <param name="cancellationToken">Bounds the dispatch only; the work then lives on its own.</param>
    public async Task<JobSubmission> RunLocalAsync(ServerAddress server, string task, Func<CancellationToken, Task<LocalJobOutcome>> work, CancellationToken cancellationToken,
        bool saveHistory = true)
    {
        var post = new JobPost(task, JobState.Processing, 0, "processing", new JobOwner(_processId, "local", false));
        var (id, refused) = (await PostAsync(_board, server, JobMode.Local, [post], _ => $"cannot record {task} in the jobs table of {server}", cancellationToken))[0];
        if (refused is not null)
            return JobSubmission.Refused(refused);
        var job = await _book.TrackAsync(_book.NewRecord(id, server, task, JobMode.Local, JobState.Processing), saveHistory);
        JobLog.LocalStarted(_logger, task, server, Cluster, job.Job.Id);
        _work.Start(() => RunLocalWorkAsync(job, work));
        return new JobSubmission(job.Job, null, job.Completion);
    }

    /// <summary>
    /// Holds each task on the server and posts the rows in one round trip: per post, the job's id or why not
    /// (<paramref name="failure"/> begins the message of a board that failed). A refused, failed or cancelled post
    /// lets its task go again.
    /// </summary>
    private async Task<(long Id, string? Refused)[]> PostAsync(IJobBoard board, ServerAddress server, JobMode mode, List<JobPost> posts, Func<string, string> failure,
        CancellationToken cancellationToken)
    {
        var results = new (long Id, string? Refused)[posts.Count];
        var batch = new List<int>(posts.Count);
        for (var i = 0; i < posts.Count; i++)
        {
            if (_book.Reserve(server, posts[i].Task, mode) is { } reserved)
                results[i] = (0, reserved);
            else
                batch.Add(i);
        }
        if (batch.Count == 0)
            return results;
        IReadOnlyList<EnqueueResult> enqueued;
        try
        {
            if (!_corrections.IsEmpty)
                await _corrections.ApplyAsync(board, server, cancellationToken);
            foreach (var i in batch)
                CrashPoint.Reach(posts[i].Task, CrashPoint.BeforeRow);
            enqueued = await board.EnqueueAsync(server, batch.Select(i => posts[i]).ToList(), cancellationToken);
        }
        catch (Exception ex)
        {
            foreach (var i in batch)
            {
                _book.Unreserve(server, posts[i].Task);
                results[i] = (0, $"{failure(posts[i].Task)}: {ex.Message}");
            }
            if (ex is OperationCanceledException)
                throw;
            return results;
        }
        for (var k = 0; k < batch.Count; k++)
        {
            var i = batch[k];
            if (enqueued[k].JobId is { } id)
            {
                CrashPoint.Reach(posts[i].Task, CrashPoint.AfterRow);
                results[i] = (id, null);
                continue;
            }
            _book.Unreserve(server, posts[i].Task);
            results[i] = (0, enqueued[k].RefusedBecause!);
        }
        return results;
    }

    /// <summary>Follows a posted row: with its receiver listening, held back until one is, or waiting for the script.</summary>
    private async Task<InFlightJob> TrackPostedAsync(JobMode mode, ServerAddress server, JobPost post, long id, StreamReceiver? receiver)
    {
        var record = _book.NewRecord(id, server, post.Task, mode, post.Initial);
        var heldBack = post.Initial == JobState.Halted;
        record = receiver is not null ? record with { Port = post.Port, PartialPath = receiver.PartialPath, WaitingFor = WaitingForScript(mode) }
            : record with { WaitingFor = heldBack ? WaitingForPort : WaitingForScript(mode) };
        var now = _time.GetUtcNow();
        // Made ready before the book shows it, so that no tick sees a job without its receiver or its start time.
        var job = await _book.TrackAsync(record, save: false, ready =>
        {
            if (heldBack)
                ready.BeginPreparing();
            else
                ready.WaitsForScriptSince(now);
            if (receiver is not null)
                _receivers.Start(ready, receiver);
        });
        JobLog.Enqueued(_logger, post.Task, server, Cluster, id);
        if (receiver is not null)
            JobLog.ReceiverOpened(_logger, post.Task, server, Cluster, receiver.Endpoint.ToString());
        if (heldBack)
            _work.Start(() => OpenHeldBackReceiverAsync(job));
        return job;
    }

    private async Task OpenHeldBackReceiverAsync(InFlightJob job)
    {
        var stopping = _lifetime.Token;
        try
        {
            var (port, failure) = await _receivers.OpenAsync(job, stopping);
            if (failure is not null)
            {
                await EndAsync(job, [JobState.Halted], JobState.Error, failure, stopping);
                return;
            }
            if (!await _board.ReleaseAsync(job.Job.Target, job.Job.Id, port, stopping))
            {
                await EndAsync(job, [JobState.Halted], JobState.Error, "the job row changed while repman opened its receiver", stopping);
                return;
            }
            job.WaitsForScriptSince(_time.GetUtcNow());
            await _book.UpdateAsync(job, record => record with
            {
                Port = port,
                State = JobState.Pending,
                WaitingFor = WaitingForScript(JobMode.Sql),
                PartialPath = job.Receiver!.PartialPath,
                Result = "",
            });
            job.EndPreparing();
            JobLog.ReceiverOpened(_logger, job.Job.Task, job.Job.Target, Cluster, job.Receiver!.Endpoint.ToString());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await EndAsync(job, [JobState.Halted, JobState.Pending], JobState.Error, $"cannot open a receiver: {ex.Message}", CancellationToken.None);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || job.Token.IsCancellationRequested)
        {
            // repman is stopping (the next start ends the job) or the job was cancelled (already ended).
        }
    }

    private async Task RunLocalWorkAsync(InFlightJob job, Func<CancellationToken, Task<LocalJobOutcome>> work)
    {
        LocalJobOutcome outcome;
        var cancelled = job.Token;
        try
        {
            outcome = await work(cancelled);
        }
        catch (OperationCanceledException) when (cancelled.IsCancellationRequested && !_lifetime.IsCancellationRequested)
        {
            return;
        }
        catch (OperationCanceledException)
        {
            outcome = LocalJobOutcome.Failure("repman is stopping; the task was interrupted");
        }
        catch (Exception ex)
        {
            outcome = LocalJobOutcome.Failure($"{job.Job.Task} of {job.Job.Target} failed in repman: {ex.Message}");
        }
        await _book.UpdateAsync(job, record => record with { Path = outcome.Path, Bytes = outcome.Bytes, Sha256 = outcome.Sha256 });
        await _book.ForgetRemovedAsync(job.Job.Target, outcome.Removed, job.Job.Id);
        var result = outcome.Result;
        var succeeded = outcome.Succeeded;
        if (succeeded && await ArchiveAsync(job.Job, cancelled) is { } archived)
        {
            result = archived.Archived ? $"{result}; {archived.Message}" : $"{result}; the backup is kept and listed but {archived.Message}";
            succeeded = archived.Archived;
        }
        await EndAsync(job, [JobState.Processing], succeeded ? JobState.Success : JobState.Error, result, CancellationToken.None);
    }
}
