namespace ReplicationManager.Core.Jobs;

/// <summary>
/// Where the post-job step of a job stands (a received physical backup extracted and prepared, a received dump
/// recorded): not started, running, or ended with its message.
/// </summary>
public sealed record PostJobStatus(PostJobState State, string? Message)
{
    public static PostJobStatus None { get; } = new(PostJobState.None, null);

    public static PostJobStatus Running { get; } = new(PostJobState.Running, null);

    public static PostJobStatus Succeeded(string message) => new(PostJobState.Succeeded, message);

    public static PostJobStatus Failed(string message) => new(PostJobState.Failed, message);
}

/// <summary>The states of <see cref="PostJobStatus"/>.</summary>
public enum PostJobState
{
    /// <summary>Not started (or the job has none).</summary>
    None,

    /// <summary>Running now.</summary>
    Running,

    /// <summary>Ended well: the job succeeds.</summary>
    Succeeded,

    /// <summary>Ended badly: the job ends in state 6.</summary>
    Failed,
}
