namespace ReplicationManager.Core.Backups;

/// <summary>Whether one backup stays, and every rule that keeps it (none: it is removed).</summary>
internal sealed record RetentionDecision(BackupName Backup, IReadOnlyList<string> KeptBy)
{
    public bool Keep => KeptBy.Count > 0;
}
