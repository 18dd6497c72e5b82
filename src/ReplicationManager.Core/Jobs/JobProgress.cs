namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The rule that moves a job in flight, from what its row and its stream show at one tick. Pure: the engine reads
/// the row and the receiver, calls <see cref="Next"/>, and acts on the step.
/// <list type="bullet">
/// <item>A row that is gone, or over (4, 5, 6), ends the job as it stands.</item>
/// <item>A stream that failed ends the job in error before the script says it finished.</item>
/// <item>A row left pending longer than the start timeout ends in error naming that wait.</item>
/// <item>A row the script took (1) or halted (2) is recorded.</item>
/// <item>A finished row (3) succeeds once its stream, if any, arrived whole and as the script declared it
/// (<c>size=</c>, <c>sha256=</c>), and once the stream's own check (extract and prepare a physical backup, record a
/// dump) passed; a stream still open or a check still running past the post-job timeout, a broken stream or a failed
/// check, is an error of the post-job step (6). A job without a stream but with a post-job step (a reseed, whose
/// replication repman re-points) runs that step and ends by it.</item>
/// </list>
/// </summary>
public static class JobProgress
{
    private static readonly JobState[] Unfinished = [JobState.Pending, JobState.Processing, JobState.Halted];

    public static JobStep Next(Job job, JobObservation observed, DateTimeOffset now, Options.JobTimeouts timeouts)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(timeouts);
        if (observed.Row is not { } row)
            return new JobStep.Ended(JobState.Error, Append(job.Result, job.Mode == JobMode.Api ? "the job's state was lost" : "the job row disappeared from the jobs table"));
        if (row.State.IsOver())
            return new JobStep.Ended(row.State, row.Result ?? "");
        var stream = observed.Stream;
        if (stream.Kind == StreamStatusKind.Failed && row.State != JobState.Finished)
            return new JobStep.Conclude(Unfinished, JobState.Error, stream.Failure!);
        return row.State switch
        {
            JobState.Pending when observed.PendingSince is { } since && now - since > timeouts.Start =>
                new JobStep.Conclude([JobState.Pending], JobState.Error,
                    $"timed out after {Seconds(timeouts.Start)} waiting for the job script to start the job (scheduler-jobs-start-timeout)"),
            JobState.Processing or JobState.Halted when row.State != job.State => new JobStep.Picked(row.State, row.Result ?? ""),
            JobState.Finished when stream.Kind == StreamStatusKind.None && observed.HasPostJob => AfterScript(observed.PostJob, observed.FinishedSince, now, timeouts),
            JobState.Finished => Finished(row, stream, observed.PostJob, observed.FinishedSince, now, timeouts),
            _ => new JobStep.Wait(),
        };
    }

    private static JobStep Finished(JobRow row, StreamStatus stream, PostJobStatus postJob, DateTimeOffset? since, DateTimeOffset now, Options.JobTimeouts timeouts) => stream.Kind switch
    {
        StreamStatusKind.Received when postJob.State == PostJobState.Succeeded => new JobStep.Conclude([JobState.Finished], JobState.Success, postJob.Message!),
        StreamStatusKind.Received when postJob.State == PostJobState.Failed => new JobStep.Conclude([JobState.Finished], JobState.ErrorAfter, postJob.Message!),
        StreamStatusKind.Received when postJob.State == PostJobState.Running && since is { } checking && now - checking > timeouts.PostJob =>
            new JobStep.Conclude([JobState.Finished], JobState.ErrorAfter,
                $"timed out after {Seconds(timeouts.PostJob)} waiting for the post-job step (scheduler-jobs-post-timeout)"),
        StreamStatusKind.Received when postJob.State == PostJobState.Running => new JobStep.Wait(JobState.Finished, "running the post-job step"),
        StreamStatusKind.None => new JobStep.Conclude([JobState.Finished], JobState.Success, "done"),
        StreamStatusKind.Open when since is { } finished && now - finished > timeouts.PostJob =>
            new JobStep.Conclude([JobState.Finished], JobState.ErrorAfter,
                $"timed out after {Seconds(timeouts.PostJob)} waiting for the stream to end after the script finished (scheduler-jobs-post-timeout)"),
        StreamStatusKind.Open => new JobStep.Wait(JobState.Finished, "waiting for the end of the stream"),
        StreamStatusKind.Failed => new JobStep.Conclude([JobState.Finished], JobState.ErrorAfter,
            "the script finished but the stream did not arrive whole: " + stream.Failure),
        _ => StreamDeclaration.Parse(row.Result).Mismatch(stream.Receipt!) is { } mismatch
            ? new JobStep.Conclude([JobState.Finished], JobState.ErrorAfter, mismatch)
            : new JobStep.Keep(stream.Receipt!),
    };

    /// <summary>A job that streams nothing but has a post-job step (a reseed's re-pointing): run it, then end by it.</summary>
    private static JobStep AfterScript(PostJobStatus postJob, DateTimeOffset? since, DateTimeOffset now, Options.JobTimeouts timeouts) => postJob.State switch
    {
        PostJobState.None => new JobStep.RunPostJob(),
        PostJobState.Succeeded => new JobStep.Conclude([JobState.Finished], JobState.Success, postJob.Message!),
        PostJobState.Failed => new JobStep.Conclude([JobState.Finished], JobState.ErrorAfter, postJob.Message!),
        _ when since is { } finished && now - finished > timeouts.PostJob =>
            new JobStep.Conclude([JobState.Finished], JobState.ErrorAfter,
                $"timed out after {Seconds(timeouts.PostJob)} waiting for the post-job step (scheduler-jobs-post-timeout)"),
        _ => new JobStep.Wait(JobState.Finished, "running the post-job step"),
    };

    public static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.#}s";

    public static string Append(string result, string message) =>
        string.IsNullOrEmpty(result) ? message : result + "\n" + message;
}
