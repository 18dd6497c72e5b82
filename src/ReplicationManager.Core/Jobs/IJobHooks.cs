using ReplicationManager.Core.Jobs.PostJob;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// What a wing that drives a job across several hosts (the reseed: repman sends a backup to the joiner) adds to the
/// engine: a say on the script's reports, and the post-job step of a job that streams nothing to repman.
/// </summary>
public interface IJobHooks
{
    /// <summary>Before a report is taken: null lets it through; a refusal ends the job in error with that reason.</summary>
    Task<string?> BeforeReportAsync(Job job, JobState state, string? result, CancellationToken cancellationToken);

    /// <summary>After a report was taken (the job's row moved).</summary>
    Task AfterReportAsync(Job job, JobState state, CancellationToken cancellationToken);

    /// <summary>The post-job step of the task, or null when it has none here.</summary>
    Func<Job, CancellationToken, Task<PostJobOutcome>>? PostJob(string task);
}
