namespace ReplicationManager.Core.Backups;

/// <summary>
/// Removes the backups retention does not keep: the metadata first, so that the backup leaves the listing at once,
/// then the artifact. Only complete backups from <see cref="BackupCatalog"/> are ever candidates, never a partial one.
/// </summary>
internal static class BackupPruner
{
    /// <summary>Applies <c>backup-keep-*</c> to a tool's backups in a directory; <paramref name="justMade"/> always stays.</summary>
    public static PruneResult Apply(string directory, string tool, Options.BackupRetention retention, TimeZoneInfo zone, string justMade) =>
        Prune(directory, RetentionPolicy.Decide(BackupCatalog.List(directory, tool), retention, zone, justMade));

    public static PruneResult Prune(string directory, IReadOnlyList<RetentionDecision> decisions)
    {
        var removed = new List<string>();
        var failures = new List<string>();
        foreach (var decision in decisions.Where(decision => !decision.Keep))
        {
            var backup = decision.Backup;
            try
            {
                File.Delete(Path.Combine(directory, backup.Metadata));
                var artifact = Path.Combine(directory, backup.Artifact);
                if (backup.IsDirectory)
                    Directory.Delete(artifact, recursive: true);
                else
                    File.Delete(artifact);
                removed.Add(backup.Id);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failures.Add($"{backup.Id}: {ex.Message}");
            }
        }
        return new PruneResult(removed, failures);
    }
}
