using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Jobs.Protocol;
using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The job script's calls as the engine answers them (spec 6.1.7-6.1.8): whether a task waits for it (needs), the
/// receiver of its stream (receive-task), its progress (job-state) and its log (write-log). The REST routes only
/// authenticate the caller and translate; every decision about the job is made here. A refusal says why.
/// </summary>
public sealed class JobScriptCalls : IDisposable
{
    private readonly JobEngine _engine;
    private readonly JobBook _book;
    private readonly JobReceivers _receivers;
    private readonly JobDestinations _destinations;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _logGate = new(1, 1);
    private readonly JobLogFile _logFile;

    internal JobScriptCalls(JobEngine engine, JobBook book, JobReceivers receivers, JobDestinations destinations, LogRotation logRotation, TimeProvider time, ILogger logger)
    {
        _logFile = new JobLogFile(logRotation, time);
        _engine = engine;
        _book = book;
        _receivers = receivers;
        _destinations = destinations;
        _time = time;
        _logger = logger;
    }

    /// <summary><c>needs/{task}</c>: true when the task waits for the script on that server; in API mode this takes it.</summary>
    public async Task<bool> NeedsAsync(ServerAddress server, string task, CancellationToken cancellationToken)
    {
        var claimed = await _engine.Board.ClaimAsync(server, task, cancellationToken);
        if (claimed && _engine.Mode == JobMode.Api && ScriptJob(server, task) is { } job)
            await _book.UpdateAsync(job, record => record with { WaitingFor = "taken by the job script (needs); waiting for it to report" });
        return claimed;
    }

    /// <summary>
    /// <c>actions/receive-task/{task}</c>: the port of the job's receiver, opened now if it is not yet (API mode), or
    /// no receiver for a task that streams nothing. With <paramref name="streamToken"/> (repman's script asks), the
    /// stream must begin with a token line the answer gives, so that nobody else can fill the receiver.
    /// </summary>
    public async Task<ReceiveAnswer> ReceiveAsync(ServerAddress server, string task, bool streamToken, CancellationToken cancellationToken)
    {
        if (ScriptJob(server, task) is not { } job)
            return ReceiveAnswer.Refused($"no {task} job is in flight on {server}");
        if (!JobTasks.Streaming.Contains(task))
            return ReceiveAnswer.NoReceiverNeeded;
        await job.StepGate.WaitAsync(cancellationToken);
        try
        {
            if (job.Receiver is { } open)
                return Listening(open, task, server, streamToken);
            if (job.Job.State.IsOver() || job.Completion.IsCompleted)
                return ReceiveAnswer.Refused($"the {task} job on {server} has ended");
            var (port, failure) = await _receivers.OpenAsync(job, cancellationToken);
            if (failure is not null)
                return ReceiveAnswer.Refused(failure);
            // The token is required before the port is published anywhere (row, answer).
            var answer = Listening(job.Receiver!, task, server, streamToken);
            await _engine.Board.ReleaseAsync(server, job.Job.Id, port, cancellationToken);
            await _book.UpdateAsync(job, record => record with { Port = port, PartialPath = job.Receiver!.PartialPath, WaitingFor = "waiting for the stream" });
            JobLog.ReceiverOpened(_logger, task, server, _engine.Cluster, job.Receiver!.Endpoint.ToString());
            return answer;
        }
        finally
        {
            job.StepGate.Release();
        }
    }

    private static ReceiveAnswer Listening(StreamReceiver receiver, string task, ServerAddress server, bool streamToken)
    {
        if (!streamToken)
            return ReceiveAnswer.Listening(receiver.Endpoint.Port);
        return receiver.RequireToken() is { } token
            ? ReceiveAnswer.Listening(receiver.Endpoint.Port, token)
            : ReceiveAnswer.Refused($"a sender is already connected to the {task} receiver of {server} without a stream token; this job cannot take a stream with one");
    }

    /// <summary>
    /// <c>actions/job-state/{task}/{state}</c>: the script says where the job stands; the engine then takes its next
    /// step at once (so <c>done</c> runs the post-job step without waiting for a tick). Null when accepted.
    /// </summary>
    public async Task<string?> ReportAsync(ServerAddress server, string task, JobState state, string? result, BackupPosition? position, CancellationToken cancellationToken)
    {
        if (ScriptJob(server, task) is not { } job)
            return $"no {task} job of the job script is in flight on {server}";
        JobState[] from = state == JobState.Error
            ? [JobState.Pending, JobState.Processing, JobState.Halted, JobState.Finished]
            : [JobState.Pending, JobState.Processing, JobState.Halted];
        var message = string.IsNullOrWhiteSpace(result) ? state switch
        {
            JobState.Processing => "processing",
            JobState.Halted => "waiting",
            JobState.Finished => "done",
            _ => "the job script reported an error",
        } : result.Trim();
        if (_engine.Hooks is { } hooks && await hooks.BeforeReportAsync(job.Job, state, result, cancellationToken) is { } refused)
        {
            await _engine.FailAsync(job, refused, cancellationToken);
            return refused;
        }
        if (!await _engine.Board.TransitionAsync(server, job.Job.Id, from, state, message, cancellationToken))
            return $"job {job.Job.Id} ({task}) on {server} cannot become {state.ToString().ToLowerInvariant()} now";
        if (position is { IsEmpty: false })
            await _book.UpdateAsync(job, record => record with { Position = position.Merge(record.Position) });
        if (_engine.Hooks is { } after)
            await after.AfterReportAsync(job.Job, state, cancellationToken);
        await _engine.StepNowAsync(job, cancellationToken);
        return null;
    }

    /// <summary>
    /// <c>write-log/{task}</c>: appends the lines to the server's job log and adds them to the job's digest (levels,
    /// last lines, error codes, the backup position). The job is the one in flight, or the latest of that task if it
    /// ended within the post-job timeout (a script drains its log after it reports done). Null when accepted.
    /// </summary>
    public async Task<string?> LogAsync(ServerAddress server, string task, ScriptLogBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await _logGate.WaitAsync(cancellationToken);
        try
        {
            var inFlight = ScriptJob(server, task);
            var job = inFlight?.Job ?? RecentlyEnded(server, task);
            if (job is null)
                return $"no {task} job on {server} to log for";
            var skipped = (job.Output ?? ScriptOutput.Empty).AlreadyTaken(batch.FirstLine, batch.Lines.Count);
            if (skipped == batch.Lines.Count)
                return null;
            var lines = batch.Lines.Skip(skipped).Select(line => (Level: ScriptLogReading.LevelOf(line, batch.Level), Line: line)).ToList();
            _logFile.Append(JobLogFile.PathOf(_destinations, server, task), job.Id, lines, _time.GetUtcNow());
            var position = lines.Select(line => ScriptLogReading.PositionIn(line.Line)).LastOrDefault(found => found is not null);
            var codes = lines.SelectMany(line => ScriptLogReading.ErrorCodes(line.Line)).ToList();
            Job Add(Job record) => record with
            {
                Output = batch.FirstLine is { } first
                    ? (record.Output ?? ScriptOutput.Empty).Add(lines, codes).TakenUpTo(first + batch.Lines.Count - 1)
                    : (record.Output ?? ScriptOutput.Empty).Add(lines, codes),
                Position = position?.Merge(record.Position) ?? record.Position,
            };
            Job updated;
            if (inFlight is not null)
            {
                await _book.UpdateAsync(inFlight, Add);
                updated = inFlight.Job;
            }
            else
            {
                updated = Add(job);
                await _book.SaveAsync(updated);
            }
            if (position is not null)
                await StreamedBackup.RefreshAsync(updated, _logger, cancellationToken);
            return null;
        }
        finally
        {
            _logGate.Release();
        }
    }

    public void Dispose()
    {
        _logFile.Dispose();
        _logGate.Dispose();
    }

    /// <summary>The task's job in flight on the server when the job script drives it (not one repman runs itself).</summary>
    private InFlightJob? ScriptJob(ServerAddress server, string task) =>
        _book.Find(server, task) is { } job && job.Job.Mode != JobMode.Local ? job : null;

    private Job? RecentlyEnded(ServerAddress server, string task)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        return _book.History.Of(server).FirstOrDefault(job =>
            job.Task == task && job.State.IsOver() && job.Mode != JobMode.Local && now - job.End <= (long)_engine.Timeouts.PostJob.TotalSeconds);
    }
}
