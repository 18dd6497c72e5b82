namespace ReplicationManager.Core.Jobs;

/// <summary>A job row was inserted (with its id), or the enqueue was refused and why.</summary>
public sealed record EnqueueResult(long? JobId, string? RefusedBecause)
{
    public bool IsEnqueued => JobId is not null;

    public static EnqueueResult Enqueued(long id) => new(id, null);

    public static EnqueueResult Refused(string reason) => new(null, reason);
}
