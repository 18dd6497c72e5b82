namespace ReplicationManager.Core.Jobs;

/// <summary>What a job run by repman itself produced.</summary>
public sealed record LocalJobOutcome(bool Succeeded, string Result, string? Path = null, long? Bytes = null, string? Sha256 = null)
{
    public static LocalJobOutcome Success(string result, string? path = null, long? bytes = null, string? sha256 = null) =>
        new(true, result, path, bytes, sha256);

    public static LocalJobOutcome Failure(string result) => new(false, result);
}
