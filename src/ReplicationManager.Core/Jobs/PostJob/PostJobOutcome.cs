namespace ReplicationManager.Core.Jobs.PostJob;

/// <summary>
/// How a post-job step ended: its account for the job's result, the position it read, the path the job's output has
/// now (a tar extracted into a directory), and the files of earlier backups retention removed.
/// </summary>
public sealed record PostJobOutcome(bool Succeeded, string Message)
{
    public BackupPosition? Position { get; init; }

    public string? Path { get; init; }

    public IReadOnlyList<string> Removed { get; init; } = [];

    public static PostJobOutcome Success(string message) => new(true, message);

    public static PostJobOutcome Failure(string message) => new(false, message);
}
