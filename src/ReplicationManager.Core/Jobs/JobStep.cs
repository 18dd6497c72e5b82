using ReplicationManager.Core.Jobs.Streams;

namespace ReplicationManager.Core.Jobs;

/// <summary>What <see cref="JobProgress.Next"/> decided for a job in flight; the engine acts on it.</summary>
public abstract record JobStep
{
    private JobStep()
    {
    }

    /// <summary>Nothing to do yet; the record may say what the job waits for now.</summary>
    public sealed record Wait(JobState? State = null, string? WaitingFor = null) : JobStep;

    /// <summary>The script took the job (processing) or waits on something (halted): record it.</summary>
    public sealed record Picked(JobState State, string Result) : JobStep;

    /// <summary>Move the row from one of <see cref="From"/> to the final <see cref="To"/> with the message, and end the job.</summary>
    public sealed record Conclude(IReadOnlyList<JobState> From, JobState To, string Message) : JobStep;

    /// <summary>The row is over already (the script, or someone, ended it): end the job with what the row says.</summary>
    public sealed record Ended(JobState State, string Result) : JobStep;

    /// <summary>The script finished a job that streams nothing but has a post-job step: run that step.</summary>
    public sealed record RunPostJob : JobStep;

    /// <summary>The stream arrived whole and as declared: keep it, then end the job in success.</summary>
    public sealed record Keep(StreamReceipt Receipt) : JobStep;
}
