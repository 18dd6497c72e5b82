using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ReplicationManager.Core.Backups.Restic;
using ReplicationManager.Core.Jobs;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// Every listed backup of a cluster, logical and physical, read from the metadata repman writes beside each one once
/// it is complete (and, for a physical backup, checked): what <c>GET /api/clusters/{cluster}/backups</c> answers.
/// A metadata file whose backup is gone, or that cannot be read, is not listed.
/// </summary>
public static partial class BackupInventory
{
    private const string MetadataSuffix = ".meta.json";

    public static IReadOnlyList<BackupEntry> List(string clusterBackupDirectory, DateTimeOffset now)
    {
        if (!Directory.Exists(clusterBackupDirectory))
            return [];
        var entries = new List<BackupEntry>();
        foreach (var path in Directory.EnumerateFiles(clusterBackupDirectory, "*" + MetadataSuffix, SearchOption.AllDirectories))
        {
            // Hidden names are partial backups, checks in progress, and copies restored from restic for a reseed.
            if (Path.GetRelativePath(clusterBackupDirectory, path).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
                continue;
            var metadata = Read(path);
            var artifact = metadata is null ? null : Path.Combine(Path.GetDirectoryName(path)!, metadata.Artifact);
            if (metadata is null || !(File.Exists(artifact) || Directory.Exists(artifact)))
                continue;
            entries.Add(new BackupEntry(metadata.Id, metadata.Tool, StreamedBackup.IsPhysical(metadata.Tool) ? "physical" : "logical", metadata.Source,
                metadata.Size, metadata.Sha256, metadata.Compressed, metadata.Gtid, metadata.BinlogFile, metadata.BinlogPos, metadata.End,
                (long)Math.Max(0, (now - metadata.End).TotalSeconds), artifact!)
            {
                RestoreCheck = RestoreChecks.RestoreCheckResult.ReadFor(path),
            });
        }
        return entries.OrderByDescending(entry => entry.End).ThenBy(entry => entry.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The backups in one server's backup folder that no metadata names: a stream renamed to its real name by a
    /// process that died before its check wrote the metadata (a physical backup's extraction, a remote dump's end
    /// line). Never listed, so never removed by retention either. Only names repman gives its backups count.
    /// </summary>
    public static IReadOnlyList<string> Unlisted(string serverBackupDirectory)
    {
        if (!Directory.Exists(serverBackupDirectory))
            return [];
        // An unreadable metadata file may still name its backup: everything of its id is kept.
        var named = Directory.EnumerateFiles(serverBackupDirectory, "*" + MetadataSuffix)
            .Select(path => Read(path)?.Artifact ?? Path.GetFileName(path)[..^MetadataSuffix.Length])
            .ToHashSet(StringComparer.Ordinal);
        return Directory.EnumerateFileSystemEntries(serverBackupDirectory)
            .Where(path => BackupArtifact().Match(Path.GetFileName(path)) is { Success: true } name
                && !named.Contains(name.Value) && !named.Contains(name.Groups["id"].Value))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A backup's metadata, or null when the file cannot be read or is not metadata.</summary>
    private static BackupMetadata? Read(string metadataPath)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(metadataPath), BackupJsonContext.Default.BackupMetadata);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A name repman gives a backup: tool, UTC time, a sequence within the same second, the extension.</summary>
    [GeneratedRegex(@"^(?<id>(mysqldump|mydumper|mariabackup|xtrabackup)_\d{8}T\d{6}Z(_\d{2,3})?)(\.sql\.gz|\.xbstream|\.tar)?$")]
    private static partial Regex BackupArtifact();

    /// <summary>
    /// The local backups with the restic snapshot each is in, and the snapshots whose backup is no longer on disk
    /// (retention removed it locally; restic keeps it by its own rules), as entries of their own.
    /// </summary>
    public static IReadOnlyList<BackupEntry> WithArchive(IReadOnlyList<BackupEntry> local, IReadOnlyList<ResticSnapshot> snapshots, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(snapshots);
        var merged = local.Select(entry => entry with
        {
            Snapshot = snapshots.FirstOrDefault(snapshot => snapshot.Paths.Contains(entry.Path, StringComparer.Ordinal))?.ShortId,
        }).ToList();
        foreach (var snapshot in snapshots.Where(snapshot => !merged.Any(entry => entry.Snapshot == snapshot.ShortId)))
        {
            var artifact = snapshot.Paths.FirstOrDefault(path => !path.EndsWith(MetadataSuffix, StringComparison.Ordinal)) ?? "";
            var tool = ResticTags.Value(snapshot.Tags, "tool") ?? "";
            merged.Add(new BackupEntry(Path.GetFileName(artifact).Split('.')[0], tool, ResticTags.Value(snapshot.Tags, "kind") ?? "", ResticTags.Value(snapshot.Tags, "server") ?? "",
                0, "", false, ResticTags.Gtid(snapshot.Tags), null, null, snapshot.Time, (long)Math.Max(0, (now - snapshot.Time).TotalSeconds), artifact)
            {
                Snapshot = snapshot.ShortId,
                Local = false,
            });
        }
        return merged.OrderByDescending(entry => entry.End).ThenBy(entry => entry.Id, StringComparer.Ordinal).ToList();
    }
}

/// <summary>One backup as the API lists it.</summary>
/// <param name="Kind">logical or physical.</param>
/// <param name="AgeSeconds">Seconds since it ended: the age of its data if it were restored now.</param>
/// <param name="Path">Its file or directory on the repman host (the path it was archived from, for a backup only in restic).</param>
public sealed record BackupEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("compressed")] bool Compressed,
    [property: JsonPropertyName("gtid")] string? Gtid,
    [property: JsonPropertyName("binlogFile")] string? BinlogFile,
    [property: JsonPropertyName("binlogPos")] long? BinlogPos,
    [property: JsonPropertyName("end")] DateTimeOffset End,
    [property: JsonPropertyName("ageSeconds")] long AgeSeconds,
    [property: JsonPropertyName("path")] string Path)
{
    /// <summary>The restic snapshot holding this backup, or null.</summary>
    [JsonPropertyName("snapshot")]
    public string? Snapshot { get; init; }

    /// <summary>Its last restore check, or null when it was never checked.</summary>
    [JsonPropertyName("restoreCheck")]
    public RestoreChecks.RestoreCheckResult? RestoreCheck { get; init; }

    /// <summary>The backup is on the repman host (else only in restic).</summary>
    [JsonPropertyName("local")]
    public bool Local { get; init; } = true;
}
