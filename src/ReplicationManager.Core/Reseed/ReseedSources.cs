using System.Text.Json;
using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Reseed;

/// <summary>
/// The physical backups of a cluster a reseed can send: those listed (their metadata is written only once the
/// backup was extracted and prepared on the repman host) whose file is still there and whose GTID is known.
/// </summary>
public static class ReseedSources
{
    private const string MetadataSuffix = ".meta.json";

    /// <summary>Every usable physical backup of the cluster, newest first.</summary>
    /// <param name="includeFailedChecks">Also the backups that failed their restore check (to check them again).</param>
    public static IReadOnlyList<ReseedSource> Physical(string clusterBackupDirectory, bool includeFailedChecks = false)
    {
        if (!Directory.Exists(clusterBackupDirectory))
            return [];
        var found = new List<ReseedSource>();
        foreach (var serverDirectory in Directory.EnumerateDirectories(clusterBackupDirectory))
        {
            foreach (var tool in new[] { JobTasks.Mariabackup, JobTasks.Xtrabackup })
            {
                foreach (var metadataPath in Directory.EnumerateFiles(serverDirectory, tool + "_*" + MetadataSuffix))
                {
                    if (Read(metadataPath, serverDirectory, includeFailedChecks: includeFailedChecks) is { } source)
                        found.Add(source);
                }
            }
        }
        return found.OrderByDescending(source => source.Taken).ThenByDescending(source => source.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every usable mysqldump backup of the cluster (a listed dump with its GTID), newest first.</summary>
    public static IReadOnlyList<ReseedSource> Logical(string clusterBackupDirectory, bool includeFailedChecks = false)
    {
        if (!Directory.Exists(clusterBackupDirectory))
            return [];
        return Directory.EnumerateDirectories(clusterBackupDirectory)
            .SelectMany(directory => Directory.EnumerateFiles(directory, JobTasks.Mysqldump + "_*" + MetadataSuffix).Select(path => Read(path, directory, logical: true, includeFailedChecks)))
            .OfType<ReseedSource>()
            .OrderByDescending(source => source.Taken).ThenByDescending(source => source.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The backup described by <paramref name="metadataPath"/> (its artifact beside it), or null when it is not usable.</summary>
    public static ReseedSource? Read(string metadataPath, string directory, bool logical = false, bool includeFailedChecks = false)
    {
        BackupMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize(File.ReadAllBytes(metadataPath), BackupJsonContext.Default.BackupMetadata);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
        if (metadata is null || StreamedBackup.IsPhysical(metadata.Tool) == logical || string.IsNullOrEmpty(metadata.Gtid) || !ServerAddress.TryParse(metadata.Source, out var server, out _))
            return null;
        var artifact = Path.Combine(directory, metadata.Artifact);
        // A backup that failed its restore check is never sent to a joiner.
        if (!File.Exists(artifact) || (!includeFailedChecks && Backups.RestoreChecks.RestoreCheckResult.ReadFor(metadataPath) is { Passed: false }))
            return null;
        return new ReseedSource(metadata.Id, metadata.Tool, server, artifact, new FileInfo(artifact).Length, metadata.End,
            new BackupPosition(metadata.Gtid, metadata.BinlogFile, metadata.BinlogPos));
    }
}
