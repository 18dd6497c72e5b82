namespace ReplicationManager.Core.Jobs;

/// <summary>
/// What a job run by repman itself produced, and the files of earlier jobs it removed (retention), so that the
/// history stops naming them.
/// </summary>
public sealed record LocalJobOutcome(bool Succeeded, string Result, string? Path = null, long? Bytes = null, string? Sha256 = null)
{
    /// <summary>Files of earlier backups this job's retention removed.</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];

    public static LocalJobOutcome Success(string result, string? path = null, long? bytes = null, string? sha256 = null) =>
        new(true, result, path, bytes, sha256);

    public static LocalJobOutcome Failure(string result) => new(false, result);
}
