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
    /// Puts a job for each post's task (at most one per task), replacing the ended one of the same task; each refused,
    /// with the reason, while its task is still queued or running on the server. One result per post, in order.
    /// </summary>
    Task<IReadOnlyList<EnqueueResult>> EnqueueAsync(ServerAddress server, IReadOnlyList<JobPost> posts, CancellationToken cancellationToken);

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
