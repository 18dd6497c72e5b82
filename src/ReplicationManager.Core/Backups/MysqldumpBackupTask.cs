using System.Buffers;
using System.IO.Compression;
using ReplicationManager.Core.Faults;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Logging;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// Logical backup with mariadb-dump (or mysqldump) run by repman (<c>backup-logical-type = mysqldump</c>): the dump
/// streams through gzip into <c>{backupdir}/mysqldump_{stamp}.sql.gz</c> under a hidden name, is checked (exit code 0
/// and its closing line), and only then is put in place with its metadata; its coordinates are read from its own text.
/// </summary>
public sealed class MysqldumpBackupTask : ILocalTask
{
    private const int BufferSize = 1 << 17;

    public string Task => JobTasks.Mysqldump;

    public async Task<LocalJobOutcome> RunAsync(LocalTaskContext context, CancellationToken cancellationToken)
    {
        var options = context.Cluster.Backup;
        var backup = new LogicalBackup(context, Task);
        var executable = ToolLocator.Find(options.MysqldumpPath, "backup-mysqldump-path", ["mariadb-dump", "mysqldump"], out var missing);
        if (executable is null)
            return backup.Fail(missing!);
        var (target, unreadable) = await backup.ReadTargetAsync(cancellationToken);
        if (target is null)
            return unreadable!;
        var toolVersion = await LogicalBackup.VersionOfAsync(executable, cancellationToken);

        using var optionFile = ClientOptionFile.Create(context.Cluster.Monitoring.Credential, context.Destinations.BackupDirectory(context.Server.Address));
        var isMariaDbTool = toolVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        var command = MysqldumpCommand.Build(executable, isMariaDbTool, options.MysqldumpOptions, options.DumpSystemTables, target, optionFile.Path);
        backup.Announce(command);
        var scanner = new DumpPositionScanner { Of = target.IsReplica ? CoordinatesOf.Source : CoordinatesOf.Server };
        var errors = new OutputTail([context.Cluster.Monitoring.Credential.Password]);
        var committed = false;
        try
        {
            ToolExit exit;
            (long Size, string Sha256, long Raw) written = (0, "", 0);
            await using (await backup.BlockDdlAsync(target, toolNeedsIt: true, cancellationToken))
            {
                exit = await ToolProcess.RunAsync(command.Executable, command.Arguments,
                    async (output, ct) => written = await CompressAsync(output, backup.PartialArtifact, scanner, ct),
                    errors, line => BackupLog.ToolOutput(context.Logger, Task, context.Server.Address, line), cancellationToken);
            }
            if (Incomplete(exit, command, scanner, written.Raw) is { } reason)
                return backup.Fail(reason);
            var position = scanner.Position;
            if (position.IsEmpty && (target.LogBin || target.IsReplica))
                backup.Notes.Add("the dump holds no coordinates (no CHANGE MASTER or gtid_slave_pos line)");
            var metadata = new BackupMetadata(backup.Name.Id, Task, toolVersion, context.Server.Address.ToString(), target.VersionString,
                target.Role, backup.Start, context.Time.GetUtcNow(), backup.Name.Artifact, written.Size, written.Sha256, Compressed: true,
                position.Gtid, position.BinlogFile, position.BinlogPosition, position.Of, LogicalBackup.Recorded(command),
                command.Dropped, backup.Notes, Files: null);
            var outcome = await backup.CommitAsync(metadata, cancellationToken);
            committed = true;
            return outcome;
        }
        finally
        {
            if (!committed)
            {
                backup.Discard(cancelled: cancellationToken.IsCancellationRequested);
                if (target.IsReplica && target.SqlThreadsRunning)
                    await backup.RestartReplicationAsync();
            }
        }
    }

    /// <summary>Why a finished run is not a complete backup, or null when it is.</summary>
    private static string? Incomplete(ToolExit exit, DumpCommand command, DumpPositionScanner scanner, long rawBytes)
    {
        if (!exit.Started)
            return exit.NotStartedBecause;
        if (exit.ExitCode != 0)
            return $"{Path.GetFileName(command.Executable)} exited with code {exit.ExitCode}: {exit.Errors}";
        if (rawBytes == 0)
            return $"{Path.GetFileName(command.Executable)} wrote nothing: {exit.Errors}";
        var comments = !command.Arguments.Any(argument => argument is "--skip-comments" or "--compact" or "--comments=0" or "--comments=false");
        if (comments && !scanner.EndsWithCompletion)
            return "the dump does not end with its '-- Dump completed' line: it is incomplete";
        return null;
    }

    private static async Task<(long Size, string Sha256, long Raw)> CompressAsync(Stream output, string path, DumpPositionScanner scanner, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, NewFile.Options(NewFile.Private, BufferSize));
        await using var hashing = new HashingStream(file);
        long raw = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using (var gzip = new GZipStream(hashing, CompressionLevel.Optimal, leaveOpen: true))
            {
                int read;
                while ((read = await output.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    scanner.Feed(buffer.AsSpan(0, read));
                    await gzip.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    raw += read;
                    CrashPoint.Reach(JobTasks.Mysqldump, CrashPoint.MidStream);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        scanner.Complete();
        await hashing.FlushAsync(cancellationToken);
        file.Flush(flushToDisk: true);
        return (hashing.BytesWritten, hashing.Sha256(), raw);
    }
}
