namespace ReplicationManager.Core.Jobs;

/// <summary>
/// What repman sees of a job in flight at one tick: its row as the script left it (null when the row is gone), its
/// stream, its post-job step, and since when the job waits for the script to take it or for its stream to end.
/// </summary>
public sealed record JobObservation(JobRow? Row, StreamStatus Stream, DateTimeOffset? PendingSince, DateTimeOffset? FinishedSince)
{
    public PostJobStatus PostJob { get; init; } = PostJobStatus.None;

    /// <summary>The job has a post-job step although it streams nothing to repman (a reseed re-points replication).</summary>
    public bool HasPostJob { get; init; }
}
