namespace ReplicationManager.Core.Backups;

/// <summary>
/// The complete backups in a server's backup directory. A backup counts once its metadata file is in place, which
/// repman renames last (see <see cref="BackupCommit"/>), and while its artifact is there; hidden partial names and
/// artifacts without metadata are never listed.
/// </summary>
public static class BackupCatalog
{
    private const string MetadataSuffix = ".meta.json";

    public static IReadOnlyList<BackupName> List(string directory, string tool)
    {
        if (!Directory.Exists(directory))
            return [];
        var backups = new List<BackupName>();
        foreach (var path in Directory.EnumerateFiles(directory, tool + "_*" + MetadataSuffix))
        {
            var file = Path.GetFileName(path);
            if (!BackupName.TryParseId(file[..^MetadataSuffix.Length], out var name) || name.Tool != tool)
                continue;
            var artifact = Path.Combine(directory, name.Artifact);
            if (name.IsDirectory ? Directory.Exists(artifact) : File.Exists(artifact))
                backups.Add(name);
        }
        return backups.OrderBy(backup => backup.Taken).ToList();
    }
}
