using System.Globalization;
using System.Text;
using ReplicationManager.Core.Faults;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Logging;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// One logical backup of one server, the steps both tools share: read the server, block DDL, tell what options were
/// left out, then commit the finished backup beside its metadata and apply retention, or report the failure.
/// </summary>
internal sealed class LogicalBackup(LocalTaskContext context, string tool)
{
    private const string CredentialShown = "<option file holding db-servers-credential>";

    public BackupName Name { get; } = BackupName.For(tool, context.Time.GetUtcNow());

    public DateTimeOffset Start { get; } = context.Time.GetUtcNow();

    public string Directory => context.Destinations.BackupDirectory(context.Server.Address);

    public string PartialArtifact => Path.Combine(Directory, BackupName.Partial(Name.Artifact));

    public List<string> Notes { get; } = [];

    /// <summary>The tool's first <c>--version</c> line, or "unknown".</summary>
    public static async Task<string> VersionOfAsync(string executable, CancellationToken cancellationToken)
    {
        var output = await ToolProcess.ReadAsync(executable, ["--version"], TimeSpan.FromSeconds(10), cancellationToken);
        return output?.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0) ?? "unknown";
    }

    /// <returns>The server as it is now, or null with a failure that says why it could not be read.</returns>
    public async Task<(DumpTarget? Target, LocalJobOutcome? Failure)> ReadTargetAsync(CancellationToken cancellationToken)
    {
        var address = context.Server.Address;
        try
        {
            await using var connection = await MariaDbConnection.OpenAsync(context.ConnectOptions, cancellationToken);
            return (await DumpTargetProbe.ReadAsync(connection, address, context.Cluster.Monitoring, cancellationToken), null);
        }
        catch (MariaDbException ex)
        {
            var code = ex.IsServerError ? $" ({ex.ErrorCode})" : "";
            return (null, Fail($"cannot read {address} as {context.Cluster.Monitoring.Credential.User} before the dump{code}: {ex.Message}"));
        }
    }

    /// <summary>Blocks DDL for the dump when <c>backup-lockddl</c> asks and the server can; a refusal becomes a note.</summary>
    public async Task<DdlBlock?> BlockDdlAsync(DumpTarget target, bool toolNeedsIt, CancellationToken cancellationToken)
    {
        if (!context.Cluster.Backup.LockDdl || !target.SupportsBackupStages || !toolNeedsIt)
            return null;
        var (block, refused) = await DdlBlock.AcquireAsync(context.ConnectOptions, cancellationToken);
        if (refused is not null)
        {
            Notes.Add(refused);
            BackupLog.DdlNotBlocked(context.Logger, context.Server.Address, context.Cluster.Name, refused);
        }
        return block;
    }

    public void Announce(DumpCommand command)
    {
        Notes.AddRange(command.Notes);
        foreach (var dropped in command.Dropped)
            BackupLog.OptionDropped(context.Logger, context.Server.Address, context.Cluster.Name, tool, dropped.Option, dropped.Reason);
        System.IO.Directory.CreateDirectory(Directory);
        BackupLog.Started(context.Logger, Name.Id, context.Server.Address, context.Cluster.Name);
    }

    /// <summary>The arguments as the metadata records them: the option file's path replaced by what it held.</summary>
    public static IReadOnlyList<string> Recorded(DumpCommand command) =>
        command.Arguments.Select(argument => argument.StartsWith("--defaults-", StringComparison.Ordinal)
            ? argument[..(argument.IndexOf('=', StringComparison.Ordinal) + 1)] + CredentialShown
            : argument).ToList();

    public async Task<LocalJobOutcome> CommitAsync(BackupMetadata metadata, CancellationToken cancellationToken)
    {
        await BackupCommit.CommitAsync(Directory, Name, metadata, cancellationToken);
        BackupLog.Completed(context.Logger, Name.Id, context.Server.Address, context.Cluster.Name, metadata.Size, metadata.Gtid, metadata.BinlogFile, metadata.BinlogPos);
        CrashPoint.Reach(tool, CrashPoint.AfterRename);
        var pruned = Prune();
        CrashPoint.Reach(tool, CrashPoint.PostJob);
        return LocalJobOutcome.Success(Summary(metadata, pruned), Path.Combine(Directory, Name.Artifact), metadata.Size, metadata.Sha256) with
        {
            Removed = pruned.Removed.Select(id => BackupName.TryParseId(id, out var name) ? Path.Combine(Directory, name.Artifact) : null).OfType<string>().ToList(),
        };
    }

    public LocalJobOutcome Fail(string reason)
    {
        BackupLog.Failed(context.Logger, Name.Id, context.Server.Address, context.Cluster.Name, reason);
        return LocalJobOutcome.Failure($"{tool} backup of {context.Server.Address} failed: {reason}");
    }

    /// <summary>Removes whatever partial files the run left; a committed backup has none.</summary>
    public void Discard(bool cancelled)
    {
        BackupCommit.Discard(Directory, Name);
        if (cancelled)
            BackupLog.Cancelled(context.Logger, Name.Id, context.Server.Address, context.Cluster.Name);
    }

    /// <summary>
    /// Starts again the replication a dump of this replica stopped and could not restart. It runs after the dump was
    /// cancelled too, so it has its own short deadline rather than the dump's token.
    /// </summary>
    public async Task RestartReplicationAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            if (await ReplicationRestart.RestoreAsync(context.ConnectOptions, deadline.Token) is { } done)
                BackupLog.ReplicationRestarted(context.Logger, context.Server.Address, context.Cluster.Name, done);
        }
        catch (Exception ex) when (ex is MariaDbException or OperationCanceledException)
        {
            BackupLog.ReplicationNotRestarted(context.Logger, context.Server.Address, context.Cluster.Name, ex.Message);
        }
    }

    private PruneResult Prune()
    {
        var result = BackupPruner.Apply(Directory, tool, context.Cluster.Backup.Retention, context.Time.LocalTimeZone, Name.Id);
        foreach (var removed in result.Removed)
            BackupLog.Pruned(context.Logger, removed, context.Server.Address, context.Cluster.Name);
        foreach (var failure in result.Failures)
            BackupLog.PruneFailed(context.Logger, context.Server.Address, context.Cluster.Name, failure);
        return result;
    }

    private static string Summary(BackupMetadata metadata, PruneResult pruned)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"backup completed: {metadata.Artifact}, {metadata.Size} bytes, sha256 {metadata.Sha256}");
        text.Append(metadata.CoordinatesOf switch
        {
            CoordinatesOf.None => "; no coordinates",
            var of => $"; GTID {metadata.Gtid ?? "-"}, binary log {metadata.BinlogFile ?? "-"}:{metadata.BinlogPos?.ToString(CultureInfo.InvariantCulture) ?? "-"} (of the {(of == CoordinatesOf.Source ? "source" : "server")})",
        });
        if (pruned.Removed.Count > 0)
            text.Append("; retention removed ").Append(string.Join(", ", pruned.Removed));
        foreach (var failure in pruned.Failures)
            text.Append("; retention could not remove ").Append(failure);
        foreach (var dropped in metadata.DroppedOptions)
            text.Append("; option not passed: ").Append(dropped);
        foreach (var note in metadata.Notes)
            text.Append("; ").Append(note);
        return text.ToString();
    }
}
