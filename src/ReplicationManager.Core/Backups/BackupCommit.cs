using System.Text.Json;
using ReplicationManager.Core.Faults;
using ReplicationManager.Core.Jobs.Local;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// Puts a finished backup in place. The order makes the metadata file the commit point: (1) the metadata is written
/// under its hidden name and flushed, (2) the complete artifact is renamed from its hidden name into place, (3) the
/// metadata is renamed into place. So metadata never names an incomplete or missing backup; a backup without
/// metadata exists only between steps 2 and 3 (or after a crash there), and <see cref="BackupCatalog"/> does not list it.
/// </summary>
internal static class BackupCommit
{
    public static async Task CommitAsync(string directory, BackupName name, BackupMetadata metadata, CancellationToken cancellationToken)
    {
        var partialArtifact = Path.Combine(directory, BackupName.Partial(name.Artifact));
        var partialMetadata = Path.Combine(directory, BackupName.Partial(name.Metadata));
        var artifact = Path.Combine(directory, name.Artifact);
        var json = JsonSerializer.SerializeToUtf8Bytes(metadata, BackupJsonContext.Default.BackupMetadata);
        await AtomicFile.WriteNewAsync(partialMetadata, json, cancellationToken);

        CrashPoint.Reach(name.Tool, CrashPoint.BeforeRename);
        Move(partialArtifact, artifact, name.IsDirectory);
        try
        {
            File.Move(partialMetadata, Path.Combine(directory, name.Metadata), overwrite: false);
        }
        catch
        {
            Move(artifact, partialArtifact, name.IsDirectory);
            throw;
        }
    }

    /// <summary>Removes what a failed or cancelled backup left under hidden names; a complete backup is never touched.</summary>
    public static void Discard(string directory, BackupName name)
    {
        var partialArtifact = Path.Combine(directory, BackupName.Partial(name.Artifact));
        if (name.IsDirectory && Directory.Exists(partialArtifact))
            Directory.Delete(partialArtifact, recursive: true);
        else
            File.Delete(partialArtifact);
        File.Delete(Path.Combine(directory, BackupName.Partial(name.Metadata)));
    }

    private static void Move(string from, string to, bool isDirectory)
    {
        if (isDirectory)
            Directory.Move(from, to);
        else
            File.Move(from, to, overwrite: false);
    }
}
