using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Logging;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// Logical backup with mydumper run by repman (<c>backup-logical-type = mydumper</c>): the dump goes into a hidden
/// directory, is checked (exit code 0, no critical error, a finished <c>metadata</c> file) and is then renamed to
/// <c>{backupdir}/mydumper_{stamp}/</c> with its metadata beside it; coordinates come from mydumper's <c>metadata</c>.
/// </summary>
public sealed class MydumperBackupTask : ILocalTask
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public string Task => JobTasks.Mydumper;

    public async Task<LocalJobOutcome> RunAsync(LocalTaskContext context, CancellationToken cancellationToken)
    {
        var options = context.Cluster.Backup;
        var backup = new LogicalBackup(context, Task);
        var executable = ToolLocator.Find(options.MydumperPath, "backup-mydumper-path", ["mydumper"], out var missing);
        if (executable is null)
            return backup.Fail(missing!);
        var (target, unreadable) = await backup.ReadTargetAsync(cancellationToken);
        if (target is null)
            return unreadable!;
        var toolVersion = await LogicalBackup.VersionOfAsync(executable, cancellationToken);
        if (await ToolProcess.ReadAsync(executable, ["--help"], AskTimeout, cancellationToken) is not { } help)
            return backup.Fail($"cannot run {executable} --help");
        var known = MydumperHelp.OptionsIn(help);
        if (known.Count == 0)
            return backup.Fail($"{executable} --help lists no option: cannot tell which configured options it knows");

        using var optionFile = ClientOptionFile.Create(context.Cluster.Monitoring.Credential, context.Destinations.BackupDirectory(context.Server.Address));
        var command = MydumperCommand.Build(executable, known, options.MydumperOptions, options.DumpThreads, options.DumpSystemTables,
            target, optionFile.Path, backup.PartialArtifact);
        backup.Announce(command);
        var errors = new OutputTail([context.Cluster.Monitoring.Credential.Password]);
        var critical = new OutputTail([context.Cluster.Monitoring.Credential.Password], maxLines: 10);
        var committed = false;
        try
        {
            NewFile.CreatePrivateDirectory(backup.PartialArtifact);
            ToolExit exit;
            var needsDdlBlock = MydumperVersion.Parse(toolVersion) is not { } version || version < MydumperVersion.TakesBackupLocks;
            await using (await backup.BlockDdlAsync(target, needsDdlBlock, cancellationToken))
            {
                exit = await ToolProcess.RunAsync(command.Executable, command.Arguments, (output, ct) => DrainAsync(output, errors, ct), errors, line =>
                {
                    if (line.Contains("CRITICAL", StringComparison.Ordinal) && !line.Contains("#mysql50#", StringComparison.Ordinal))
                        critical.Add(line);
                    BackupLog.ToolOutput(context.Logger, Task, context.Server.Address, line);
                }, cancellationToken);
            }
            var (metadataFile, reason) = await ReadMetadataAsync(exit, critical, backup.PartialArtifact, cancellationToken);
            if (metadataFile is null)
                return backup.Fail(reason!);
            var position = metadataFile.For(target.IsReplica);
            if (position.IsEmpty && (target.LogBin || target.IsReplica))
                backup.Notes.Add("mydumper's metadata holds no coordinates");
            var (size, sha256, files) = await DirectoryDigest.ComputeAsync(backup.PartialArtifact, cancellationToken);
            var compressed = command.Arguments.Any(argument => ToolOptions.NameOf(argument) is "compress" or "c");
            var metadata = new BackupMetadata(backup.Name.Id, Task, toolVersion, context.Server.Address.ToString(), target.VersionString,
                target.Role, backup.Start, context.Time.GetUtcNow(), backup.Name.Artifact, size, sha256, compressed,
                position.Gtid, position.BinlogFile, position.BinlogPosition, position.Of, LogicalBackup.Recorded(command),
                command.Dropped, backup.Notes, files);
            var outcome = await backup.CommitAsync(metadata, cancellationToken);
            committed = true;
            return outcome;
        }
        finally
        {
            if (!committed)
                backup.Discard(cancelled: cancellationToken.IsCancellationRequested);
        }
    }

    /// <summary>The dump's own metadata when the run made a complete backup, else why not.</summary>
    private static async Task<(MydumperMetadata? Metadata, string? Reason)> ReadMetadataAsync(ToolExit exit, OutputTail critical, string directory, CancellationToken cancellationToken)
    {
        if (!exit.Started)
            return (null, exit.NotStartedBecause);
        if (exit.ExitCode != 0)
            return (null, $"mydumper exited with code {exit.ExitCode}: {(critical.LineCount > 0 ? critical : exit.Errors)}");
        if (critical.LineCount > 0)
            return (null, $"mydumper reported critical errors: {critical}");
        var path = Path.Combine(directory, "metadata");
        if (!File.Exists(path))
            return (null, $"mydumper wrote no metadata file: the dump is incomplete ({exit.Errors})");
        var metadata = MydumperMetadata.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        return metadata.Finished
            ? (metadata, null)
            : (null, "mydumper's metadata has no 'Finished dump at' line: the dump is incomplete");
    }

    private static async Task DrainAsync(Stream output, OutputTail tail, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(output);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
            tail.Add(line);
    }
}
