using System.Text.Json;
using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Logging;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The metadata of a physical backup received as a stream (<c>mariabackup_{time}.xbstream</c>): written beside it as
/// <c>mariabackup_{time}.meta.json</c> once the backup passed its check, which lists it, and written again when the
/// script's log brings the GTID and binary log position later (log batches may trail the stream).
/// </summary>
internal static class StreamedBackup
{
    private const string Extension = ".xbstream";

    public static bool IsPhysical(string task) => task is JobTasks.Mariabackup or JobTasks.Xtrabackup;

    /// <summary>The metadata file of a kept physical backup, or null for any other job.</summary>
    public static string? MetadataPath(Job job) =>
        IsPhysical(job.Task) && job.Path is { } path && path.EndsWith(Extension, StringComparison.Ordinal)
            ? path[..^Extension.Length] + ".meta.json"
            : null;

    /// <summary>Rewrites the metadata of a backup already listed (never lists one that is not).</summary>
    public static Task RefreshAsync(Job job, ILogger logger, CancellationToken cancellationToken) =>
        MetadataPath(job) is { } path && File.Exists(path) ? RecordAsync(job, logger, cancellationToken) : Task.CompletedTask;

    /// <summary>Writes (or rewrites) the metadata of the job's kept backup; a failure is logged, the backup stays.</summary>
    public static async Task RecordAsync(Job job, ILogger logger, CancellationToken cancellationToken)
    {
        if (MetadataPath(job) is not { } metadataPath || job.Path is not { } artifact)
            return;
        var metadata = new BackupMetadata(
            Id: Path.GetFileName(artifact)[..^Extension.Length],
            Tool: job.Task,
            ToolVersion: "",
            Source: job.Target.ToString(),
            ServerVersion: "",
            Role: "",
            Start: DateTimeOffset.FromUnixTimeSeconds(job.Start),
            End: job.End > 0 ? DateTimeOffset.FromUnixTimeSeconds(job.End) : DateTimeOffset.UtcNow,
            Artifact: Path.GetFileName(artifact),
            Size: job.Bytes ?? 0,
            Sha256: job.Sha256 ?? "",
            Compressed: false,
            Gtid: job.Position?.Gtid,
            BinlogFile: job.Position?.BinlogFile,
            BinlogPos: job.Position?.BinlogPos,
            CoordinatesOf: job.Position is { IsEmpty: false } ? CoordinatesOf.Server : CoordinatesOf.None,
            Options: [],
            DroppedOptions: [],
            Notes: [$"received from the job script (job {job.Id})"],
            Files: null);
        try
        {
            await AtomicFile.WriteAsync(metadataPath, JsonSerializer.SerializeToUtf8Bytes(metadata, BackupJsonContext.Default.BackupMetadata), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            JobLog.BackupMetadataNotWritten(logger, metadataPath, job.Target, ex.Message);
        }
    }
}
