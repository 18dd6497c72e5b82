namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The answer to a job request: the job (with a task that completes when the job is over), or why it was refused.
/// </summary>
public sealed record JobSubmission(Job? Job, string? RefusedBecause, Task<Job>? Completion)
{
    public bool IsAccepted => Job is not null;

    public static JobSubmission Refused(string reason) => new(null, reason, null);
}
