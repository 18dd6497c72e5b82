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
public sealed class ReseedCoordinator(ClusterJobs jobs, IClusterRegistry registry, ReseedTransfers transfers, ILogger<ReseedCoordinator> logger)
{
    /// <summary>What the preflight would say now, without starting anything.</summary>
    public ReseedDecision Check(ServerAddress joiner, ReseedMethod method, string? backupId, bool confirmed)
    {
        ArgumentNullException.ThrowIfNull(joiner);
        if (registry.GetSnapshot(jobs.Name) is not { } snapshot)
            return ReseedDecision.Refuse(ReseedRefusal.NoPrimary, $"cluster {jobs.Name} has not been observed yet");
        if (jobs.Options.Scheduler.ReceiverUseSsl)
            return ReseedDecision.Refuse(ReseedRefusal.NotAvailable,
                "scheduler-db-servers-receiver-use-ssl = true: repman's job script receives a reseed over plain TCP only; set it to false to reseed");
        return ReseedPreflight.Check(snapshot, joiner, method, ReseedSources.Physical(jobs.Destinations.ClusterBackupDirectory), backupId,
            jobs.Engine.Active, confirmed);
    }

    public async Task<(Job? Job, ReseedDecision Decision)> StartAsync(ServerAddress joiner, ReseedMethod method, string? backupId, bool confirmed,
        CancellationToken cancellationToken)
    {
        var decision = Check(joiner, method, backupId, confirmed);
        if (!decision.Proceeds)
            return (null, decision);
        var plan = decision.Plan!;
        var submission = await jobs.Engine.SubmitRemoteAsync(joiner, plan.Source.JoinerTask, cancellationToken);
        if (!submission.IsAccepted)
            return (null, ReseedDecision.Refuse(ReseedRefusal.Busy, submission.RefusedBecause!, plan));
        transfers.Expect(submission.Job!.Id, plan);
        ReseedLog.Started(logger, jobs.Name, joiner.ToString(), submission.Job.Id, plan.Describe());
        if (jobs.Options.Ssh.Enabled)
            await jobs.Runner.StartAsync(new JobPlan(joiner, JobTasks.DbJobs, JobMode.Local), cancellationToken);
        return (submission.Job, decision);
    }

    /// <summary>Cancels the reseed jobs in flight on <paramref name="joiner"/>; the jobs cancelled, none when nothing ran.</summary>
    public async Task<IReadOnlyList<Job>> CancelAsync(ServerAddress joiner, CancellationToken cancellationToken)
    {
        var cancelled = new List<Job>();
        foreach (var job in jobs.Engine.Active.Where(job => job.Target == joiner && ReseedTransfers.IsReseed(job.Task)).ToList())
        {
            await transfers.CancelAsync(job.Id);
            if (await jobs.Engine.CancelAsync(joiner, job.Task, cancellationToken))
                cancelled.Add(job);
        }
        return cancelled;
    }
}
