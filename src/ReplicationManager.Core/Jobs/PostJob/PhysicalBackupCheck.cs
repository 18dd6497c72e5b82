using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Faults;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Jobs.PostJob;

/// <summary>
/// A received physical backup is checked before it is listed (<c>backup-physical-verify</c>): extracted with mbstream
/// (xbstream) into a hidden folder beside it, prepared with mariabackup (xtrabackup), and its position read from
/// <c>xtrabackup_binlog_info</c>. Only then is its metadata written, which lists it. A backup that does not extract or
/// prepare is deleted and the job says why; the folder is always removed.
/// </summary>
internal static class PhysicalBackupCheck
{
    public static async Task<PostJobOutcome> RunAsync(Job job, ClusterOptions cluster, ILogger logger, CancellationToken cancellationToken)
    {
        var artifact = job.Path!;
        if (!cluster.Backup.VerifyPhysical)
        {
            await StreamedBackup.RecordAsync(job, logger, cancellationToken);
            return PostJobOutcome.Success("kept without a check (backup-physical-verify = false)");
        }
        var (extractorName, toolName) = job.Task == JobTasks.Xtrabackup ? ("xbstream", "xtrabackup") : ("mbstream", "mariabackup");
        var extractor = ToolLocator.Find("", "backup-physical-verify", [extractorName], out var missing);
        var tool = extractor is null ? null : ToolLocator.Find("", "backup-physical-verify", [toolName], out missing);
        if (extractor is null || tool is null)
            return PostJobOutcome.Failure($"the backup cannot be checked on the repman host ({missing}): kept unlisted as {artifact}; install {toolName} there or set backup-physical-verify = false");
        var folder = Path.Combine(Path.GetDirectoryName(artifact)!, "." + Path.GetFileNameWithoutExtension(artifact) + ".verify");
        var watch = Stopwatch.StartNew();
        try
        {
            Directory.CreateDirectory(folder);
            if (await ExtractAsync(extractor, artifact, folder, cancellationToken) is { } extractFailure)
                return Discard(artifact, $"the backup does not extract ({extractorName} -x): {extractFailure}");
            CrashPoint.Reach(job.Task, CrashPoint.PostJob);
            var prepare = await ToolProcess.RunWithInputAsync(tool, ["--prepare", $"--target-dir={folder}"], Stream.Null, new OutputTail([]), cancellationToken);
            if (!prepare.Succeeded)
                return Discard(artifact, $"the backup does not prepare ({toolName} --prepare exited {prepare.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? prepare.NotStartedBecause}): {prepare.Errors}");
            var position = ReadPosition(folder)?.Merge(job.Position) ?? job.Position;
            await StreamedBackup.RecordAsync(job with { Position = position }, logger, cancellationToken);
            var at = position is { IsEmpty: false } p ? $"; GTID {p.Gtid ?? "-"}, binary log {p.BinlogFile ?? "-"}:{p.BinlogPos?.ToString(CultureInfo.InvariantCulture) ?? "-"}" : "; no position recorded";
            return PostJobOutcome.Success($"checked: extracted with {extractorName} and prepared with {toolName} in {watch.Elapsed.TotalSeconds:0.#}s{at}") with { Position = position };
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    /// <summary>The position <c>xtrabackup_binlog_info</c> records: file, position and GTID, tab-separated.</summary>
    public static BackupPosition? ReadPosition(string folder)
    {
        var info = Path.Combine(folder, "xtrabackup_binlog_info");
        if (!File.Exists(info))
            return null;
        var fields = File.ReadAllText(info).Trim().Split('\t', StringSplitOptions.TrimEntries);
        return fields.Length < 2
            ? null
            : new BackupPosition(fields.Length > 2 && fields[2].Length > 0 ? fields[2] : null, fields[0],
                long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : null);
    }

    private static async Task<string?> ExtractAsync(string extractor, string artifact, string folder, CancellationToken cancellationToken)
    {
        await using var input = File.OpenRead(artifact);
        var exit = await ToolProcess.RunWithInputAsync(extractor, ["-x", "-C", folder], input, new OutputTail([]), cancellationToken);
        return exit.Succeeded ? null : $"exit {exit.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? exit.NotStartedBecause}: {exit.Errors}";
    }

    private static PostJobOutcome Discard(string artifact, string reason)
    {
        File.Delete(artifact);
        return PostJobOutcome.Failure($"{reason}; deleted {artifact}");
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A hidden folder that cannot be removed is never listed; the next check of that name starts afresh.
        }
    }
}
