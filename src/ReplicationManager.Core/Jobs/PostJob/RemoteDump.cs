using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Jobs.PostJob;

/// <summary>
/// A logical backup the job script made on the database host (<c>scheduler-jobs-exec-remote</c>), once it arrived:
/// checked complete (the dump's closing line, mydumper's finished metadata), recorded with its coordinates in a
/// <c>.meta.json</c> (which lists it), and retention applied, as for a dump repman runs itself.
/// </summary>
internal static class RemoteDump
{
    private const string DumpExtension = ".sql.gz";
    private const string TarExtension = ".tar";

    public static async Task<PostJobOutcome> RecordMysqldumpAsync(Job job, ClusterOptions cluster, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var artifact = job.Path!;
        var directory = Path.GetDirectoryName(artifact)!;
        if (!BackupName.TryParseId(Path.GetFileName(artifact)[..^DumpExtension.Length], out var name))
            return PostJobOutcome.Failure($"{artifact} is not named as a backup");
        var scanner = new DumpPositionScanner();
        try
        {
            await using var file = File.OpenRead(artifact);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await gzip.ReadAsync(buffer, cancellationToken)) > 0)
                scanner.Feed(buffer.AsSpan(0, read));
            scanner.Complete();
        }
        catch (InvalidDataException ex)
        {
            return Discard(artifact, $"the dump is not gzip data: {ex.Message}");
        }
        if (!scanner.EndsWithCompletion)
            return Discard(artifact, "the dump does not end with its '-- Dump completed' line: it is incomplete");
        var position = scanner.Position;
        var metadata = Metadata(job, name, cluster, time, name.Artifact, job.Bytes ?? new FileInfo(artifact).Length, job.Sha256 ?? "", compressed: true, position, null);
        await WriteAsync(Path.Combine(directory, name.Metadata), metadata, cancellationToken);
        return Recorded(job, cluster, time, logger, directory, name, metadata);
    }

    public static async Task<PostJobOutcome> RecordMydumperAsync(Job job, ClusterOptions cluster, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var tar = job.Path!;
        var directory = Path.GetDirectoryName(tar)!;
        if (!BackupName.TryParseId(Path.GetFileName(tar)[..^TarExtension.Length], out var name))
            return PostJobOutcome.Failure($"{tar} is not named as a backup");
        var partial = Path.Combine(directory, BackupName.Partial(name.Artifact));
        try
        {
            Directory.CreateDirectory(partial);
            await TarFile.ExtractToDirectoryAsync(tar, partial, overwriteFiles: false, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            Directory.Delete(partial, recursive: true);
            return Discard(tar, $"the dump's tar does not extract: {ex.Message}");
        }
        // The script tars the dump folder as "dump/": its content is the backup.
        var dump = Path.Combine(partial, "dump");
        var metadataFile = Path.Combine(dump, "metadata");
        var parsed = File.Exists(metadataFile) ? MydumperMetadata.Parse(await File.ReadAllTextAsync(metadataFile, cancellationToken)) : null;
        if (parsed is not { Finished: true })
        {
            Directory.Delete(partial, recursive: true);
            return Discard(tar, "mydumper's metadata does not say the dump finished: it is incomplete");
        }
        var final = Path.Combine(directory, name.Artifact);
        Directory.Move(dump, final);
        Directory.Delete(partial, recursive: true);
        File.Delete(tar);
        var (size, sha256, files) = await DirectoryDigest.ComputeAsync(final, cancellationToken);
        var metadata = Metadata(job, name, cluster, time, name.Artifact, size, sha256, compressed: false, parsed.Server.IsEmpty ? parsed.Source : parsed.Server, files);
        await WriteAsync(Path.Combine(directory, name.Metadata), metadata, cancellationToken);
        return Recorded(job, cluster, time, logger, directory, name, metadata) with { Path = final };
    }

    private static BackupMetadata Metadata(Job job, BackupName name, ClusterOptions cluster, TimeProvider time, string artifact, long size, string sha256,
        bool compressed, DumpPosition position, IReadOnlyList<BackupFile>? files) => new(
        name.Id, name.Tool, "", job.Target.ToString(), "", "", DateTimeOffset.FromUnixTimeSeconds(job.Start), time.GetUtcNow(), artifact, size, sha256,
        compressed, position.Gtid, position.BinlogFile, position.BinlogPosition, position.IsEmpty ? CoordinatesOf.None : position.Of,
        [], [], [$"made on the database host by the job script (job {job.Id}, scheduler-jobs-exec-remote)"], files);

    private static PostJobOutcome Recorded(Job job, ClusterOptions cluster, TimeProvider time, ILogger logger, string directory, BackupName name, BackupMetadata metadata)
    {
        var pruned = BackupPruner.Apply(directory, name.Tool, cluster.Backup.Retention, time.LocalTimeZone, name.Id);
        foreach (var removed in pruned.Removed)
            BackupLog.Pruned(logger, removed, job.Target, cluster.Name);
        var removedPaths = pruned.Removed.Select(id => BackupName.TryParseId(id, out var old) ? Path.Combine(directory, old.Artifact) : null).OfType<string>().ToList();
        var coordinates = metadata.Gtid is null && metadata.BinlogFile is null ? "no coordinates" : $"GTID {metadata.Gtid ?? "-"}, binary log {metadata.BinlogFile ?? "-"}:{metadata.BinlogPos}";
        var retention = pruned.Removed.Count > 0 ? $"; retention removed {string.Join(", ", pruned.Removed)}" : "";
        return PostJobOutcome.Success($"recorded {name.Artifact}: {coordinates}{retention}") with
        {
            Position = new BackupPosition(metadata.Gtid, metadata.BinlogFile, metadata.BinlogPos),
            Removed = removedPaths,
        };
    }

    private static Task WriteAsync(string path, BackupMetadata metadata, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(metadata, BackupJsonContext.Default.BackupMetadata), cancellationToken);

    private static PostJobOutcome Discard(string artifact, string reason)
    {
        File.Delete(artifact);
        return PostJobOutcome.Failure($"{reason}; deleted {artifact}");
    }
}
