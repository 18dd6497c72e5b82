using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The board where jobs are posted for the job script and where the script marks its progress (spec 6.1.8): the
/// jobs table of each server (<see cref="JobMode.Sql"/>) or cookie files and in-memory states on the repman host
/// (<see cref="JobMode.Api"/>). One row per task and server; every call concerns one server.
/// </summary>
public interface IJobBoard : IAsyncDisposable
{
    JobMode Mode { get; }

    /// <summary>
    /// Puts a job for <paramref name="task"/>, replacing the ended one of the same task; refused, with the reason, while
    /// that task is still queued or running on the server.
    /// </summary>
    /// <param name="initial">
    /// <see cref="JobState.Pending"/> for the script to take now, <see cref="JobState.Halted"/> to hold it back while
    /// repman prepares its receiver, or <see cref="JobState.Processing"/> for a job repman runs itself.
    /// </param>
    Task<EnqueueResult> EnqueueAsync(ServerAddress server, string task, JobState initial, string? result, JobOwner owner, CancellationToken cancellationToken);

    /// <summary>The job's receiver listens on <paramref name="port"/>: a held-back job becomes pending, with that port.</summary>
    Task<bool> ReleaseAsync(ServerAddress server, long id, int port, CancellationToken cancellationToken);

    /// <summary>The server's jobs as the script sees them.</summary>
    Task<IReadOnlyList<JobRow>> ReadAsync(ServerAddress server, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a job from one of <paramref name="from"/> to <paramref name="target"/>, appending <paramref name="message"/>
    /// to its result; false when the job is in none of those states (the script moved it meanwhile), or is gone.
    /// </summary>
    Task<bool> TransitionAsync(ServerAddress server, long id, IReadOnlyCollection<JobState> from, JobState target, string message, CancellationToken cancellationToken);

    /// <summary>
    /// The script asks whether <paramref name="task"/> waits for it on the server (<c>needs/{task}</c>). In API mode the
    /// answer consumes the task's cookie, so one run of the script takes the job; in SQL mode it only reads the table.
    /// </summary>
    Task<bool> ClaimAsync(ServerAddress server, string task, CancellationToken cancellationToken);
}
