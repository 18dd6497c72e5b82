using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Reseed;

/// <summary>
/// Starts and cancels the reseeds of one cluster (<c>actions/reseed/{method}</c>, <c>actions/reseed-cancel</c>): the
/// preflight decides, the joiner's job is posted, and with SSH the job script runs on the joiner's host at once (else
/// its own schedule runs it); <see cref="ReseedTransfers"/> then sends the backup and re-points the joiner.
/// </summary>
public sealed class ReseedCoordinator
{
    private readonly ClusterJobs _jobs;
    private readonly IClusterRegistry _registry;
    private readonly ReseedTransfers _transfers;
    private readonly LogicalReseed _logical;
    private readonly ILogger<ReseedCoordinator> _logger;

    internal ReseedCoordinator(ClusterJobs jobs, IClusterRegistry registry, ReseedTransfers transfers, LogicalReseed logical, ILogger<ReseedCoordinator> logger)
    {
        _jobs = jobs;
        _registry = registry;
        _transfers = transfers;
        _logical = logical;
        _logger = logger;
    }

    /// <summary>What the preflight would say now, without starting anything.</summary>
    public ReseedDecision Check(ServerAddress joiner, ReseedMethod method, string? backupId, bool confirmed, ServerAddress? donor = null)
    {
        ArgumentNullException.ThrowIfNull(joiner);
        if (_registry.GetSnapshot(_jobs.Name) is not { } snapshot)
            return ReseedDecision.Refuse(ReseedRefusal.NoPrimary, $"cluster {_jobs.Name} has not been observed yet");
        if (_jobs.Options.Scheduler.ReceiverUseSsl)
            return ReseedDecision.Refuse(ReseedRefusal.NotAvailable,
                "scheduler-db-servers-receiver-use-ssl = true: repman's job script receives a reseed over plain TCP only; set it to false to reseed");
        var sources = method == ReseedMethod.PhysicalBackup
            ? ReseedSources.Physical(_jobs.Destinations.ClusterBackupDirectory)
            : ReseedSources.Logical(_jobs.Destinations.ClusterBackupDirectory);
        return ReseedPreflight.Check(snapshot, joiner, method, sources, backupId, _jobs.Engine.Active, confirmed, donor);
    }

    /// <param name="donor">A live donor to take a fresh backup from and relay, instead of a stored backup.</param>
    public async Task<(Job? Job, ReseedDecision Decision)> StartAsync(ServerAddress joiner, ReseedMethod method, string? backupId, bool confirmed,
        CancellationToken cancellationToken, ServerAddress? donor = null)
    {
        var decision = Check(joiner, method, backupId, confirmed, donor);
        if (decision.Refusal == ReseedRefusal.NoBackup && method == ReseedMethod.PhysicalBackup && backupId is not null && _jobs.Archive is { } archive)
            decision = await FromSnapshotAsync(archive, joiner, method, backupId, confirmed, cancellationToken) ?? decision;
        if (!decision.Proceeds)
            return (null, decision);
        var plan = decision.Plan!;
        if (plan.Method != ReseedMethod.PhysicalBackup)
        {
            var local = await _jobs.Engine.RunLocalAsync(joiner, JobTasks.ReseedMysqldump, token => _logical.RunAsync(plan, token), cancellationToken);
            if (!local.IsAccepted)
                return (null, ReseedDecision.Refuse(ReseedRefusal.Busy, local.RefusedBecause!, plan));
            ReseedLog.Started(_logger, _jobs.Name, joiner.ToString(), local.Job!.Id, plan.Describe());
            return (local.Job, decision);
        }
        var submission = await _jobs.Engine.SubmitRemoteAsync(joiner, plan.Source.JoinerTask, cancellationToken);
        if (!submission.IsAccepted)
            return (null, ReseedDecision.Refuse(ReseedRefusal.Busy, submission.RefusedBecause!, plan));
        long? donorJob = null;
        if (plan.Source.IsLive)
        {
            var backup = await _jobs.Engine.SubmitRemoteAsync(plan.Source.Server, plan.Source.Tool, cancellationToken);
            if (!backup.IsAccepted)
            {
                await _jobs.Engine.CancelAsync(joiner, plan.Source.JoinerTask, cancellationToken);
                return (null, ReseedDecision.Refuse(ReseedRefusal.Busy, $"the donor's backup was refused: {backup.RefusedBecause}", plan));
            }
            donorJob = backup.Job!.Id;
        }
        _transfers.Expect(submission.Job!.Id, plan, donorJob, submission.Completion);
        ReseedLog.Started(_logger, _jobs.Name, joiner.ToString(), submission.Job.Id, plan.Describe());
        if (_jobs.Options.Ssh.Enabled)
        {
            await _jobs.Runner.StartAsync(new JobPlan(joiner, JobTasks.DbJobs, JobMode.Local), cancellationToken);
            if (plan.Source.IsLive)
                await _jobs.Runner.StartAsync(new JobPlan(plan.Source.Server, JobTasks.DbJobs, JobMode.Local), cancellationToken);
        }
        return (submission.Job, decision);
    }

    /// <summary>
    /// A backup named by its restic snapshot (it may be gone from the repman host): described from its tags until the
    /// operator confirms, then restored into a hidden folder of the cluster's backups and sent from there. Null when
    /// no physical snapshot has that id.
    /// </summary>
    private async Task<ReseedDecision?> FromSnapshotAsync(Backups.Restic.ResticArchive archive, ServerAddress joiner, ReseedMethod method, string snapshotId,
        bool confirmed, CancellationToken cancellationToken)
    {
        var (snapshots, failure) = await archive.SnapshotsAsync(cancellationToken);
        if (failure is not null)
            return ReseedDecision.Refuse(ReseedRefusal.NoBackup, $"backup {snapshotId} is not on the repman host and the restic repository cannot be read: {failure}");
        var snapshot = snapshots.FirstOrDefault(candidate => (candidate.ShortId == snapshotId || candidate.Id == snapshotId)
            && Backups.Restic.ResticTags.Value(candidate.Tags, "kind") == "physical");
        if (snapshot is null)
            return null;
        if (!confirmed)
        {
            var folder = Backups.Restic.ResticTags.Value(snapshot.Tags, "server") ?? "";
            var cut = folder.LastIndexOf('_');
            var server = cut > 0 && ServerAddress.TryParse($"{folder[..cut]}:{folder[(cut + 1)..]}", out var parsed, out _) ? parsed : joiner;
            var tagged = new ReseedSource($"restic snapshot {snapshot.ShortId}", Backups.Restic.ResticTags.Value(snapshot.Tags, "tool") ?? JobTasks.Mariabackup,
                server, $"restic:{snapshot.ShortId}", 0, snapshot.Time, new BackupPosition(Backups.Restic.ResticTags.Gtid(snapshot.Tags), null, null));
            return Check(joiner, method, tagged, confirmed);
        }
        var target = Path.Combine(_jobs.Destinations.ClusterBackupDirectory, ".restic-restore");
        if (Directory.Exists(target))
            Directory.Delete(target, recursive: true);
        var (files, restoreFailure) = await archive.RestoreAsync(snapshot.Id, Path.Combine(target, snapshot.ShortId), cancellationToken);
        if (restoreFailure is not null)
            return ReseedDecision.Refuse(ReseedRefusal.NoBackup, restoreFailure);
        var metadata = files.FirstOrDefault(file => file.EndsWith(".meta.json", StringComparison.Ordinal));
        if (metadata is null || ReseedSources.Read(metadata, Path.GetDirectoryName(metadata)!) is not { } restored)
            return ReseedDecision.Refuse(ReseedRefusal.NoBackup, $"restic snapshot {snapshot.ShortId} holds no physical backup with its metadata");
        return Check(joiner, method, restored, confirmed);
    }

    private ReseedDecision Check(ServerAddress joiner, ReseedMethod method, ReseedSource source, bool confirmed) =>
        _registry.GetSnapshot(_jobs.Name) is { } cluster
            ? ReseedPreflight.Check(cluster, joiner, method, [source], source.Id, _jobs.Engine.Active, confirmed)
            : ReseedDecision.Refuse(ReseedRefusal.NoPrimary, $"cluster {_jobs.Name} has not been observed yet");

    /// <summary>Cancels the reseed jobs in flight on <paramref name="joiner"/>; the jobs cancelled, none when nothing ran.</summary>
    public async Task<IReadOnlyList<Job>> CancelAsync(ServerAddress joiner, CancellationToken cancellationToken)
    {
        var cancelled = new List<Job>();
        foreach (var job in _jobs.Engine.Active.Where(job => job.Target == joiner && (ReseedTransfers.IsReseed(job.Task) || job.Task == JobTasks.ReseedMysqldump)).ToList())
        {
            await _transfers.CancelAsync(job.Id);
            if (await _jobs.Engine.CancelAsync(joiner, job.Task, cancellationToken))
                cancelled.Add(job);
        }
        return cancelled;
    }
}
