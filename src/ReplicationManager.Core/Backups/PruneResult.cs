namespace ReplicationManager.Core.Backups;

/// <summary>The backups retention removed, and those it could not remove with the reason.</summary>
internal sealed record PruneResult(IReadOnlyList<string> Removed, IReadOnlyList<string> Failures)
{
    public static PruneResult Nothing { get; } = new([], []);
}
