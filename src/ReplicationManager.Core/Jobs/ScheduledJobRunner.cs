using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Scheduling;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// Turns a scheduled task firing into jobs: picks the target servers from the latest snapshot, starts a job on each
/// (through the job script, or in repman for local tasks) and completes when every job is over.
/// </summary>
public sealed class ScheduledJobRunner(
    ClusterOptions options,
    IClusterRegistry registry,
    JobEngine engine,
    Func<string, ILocalTask?> localTasks,
    JobDestinations destinations,
    TimeProvider time,
    ILogger<ScheduledJobRunner> logger) : IScheduledTaskRunner
{
    public async Task RunAsync(string cluster, string task, CancellationToken cancellationToken)
    {
        var started = await StartAllAsync(cluster, task, cancellationToken);
        await Task.WhenAll(started.Select(submission => submission.Completion!));
    }

    /// <summary>How many servers get their rows posted at once: enough for a fleet, few enough not to flood repman's sockets.</summary>
    internal const int MaxParallelServers = 64;

    /// <summary>
    /// Starts the jobs of a scheduled task on its target servers, servers in parallel (at most
    /// <see cref="MaxParallelServers"/> at once; a server's rows for the job script in one round trip), then saves the
    /// servers' histories, and returns once every job is dispatched and recorded. Throws when nothing could be
    /// started, with every reason.
    /// </summary>
    public async Task<IReadOnlyList<JobSubmission>> StartAllAsync(string cluster, string task, CancellationToken cancellationToken)
    {
        var snapshot = registry.GetSnapshot(cluster)
            ?? throw new InvalidOperationException($"cluster {cluster} is not monitored");
        var plans = JobTargets.For(task, snapshot, options, engine.Mode);
        if (plans.Jobs.Count == 0)
            throw new InvalidOperationException($"nothing to run: {plans.NothingBecause}");
        var servers = plans.Jobs.GroupBy(plan => plan.Server).Select(group => (Server: group.Key, Plans: group.ToList())).ToList();
        var submissions = new List<(JobPlan Plan, JobSubmission Submission)>[servers.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelServers, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, servers.Count, parallel, async (i, token) => submissions[i] = await StartOnServerAsync(servers[i].Server, servers[i].Plans, token));
        // Every row first, then the bookkeeping: each server's history saved once for all of its jobs (a file
        // replaced per server, which costs more than a row). A process killed in between leaves rows that the next
        // start ends (JobRecovery), as it would a moment later.
        await Parallel.ForAsync(0, servers.Count, parallel, async (i, _) =>
        {
            if (submissions[i].Any(result => result.Submission.IsAccepted))
                await engine.SaveHistoryAsync(servers[i].Server);
        });
        var all = submissions.SelectMany(results => results).ToList();
        var refusals = all.Where(entry => !entry.Submission.IsAccepted).Select(entry => $"{entry.Plan.Task} on {entry.Plan.Server}: {entry.Submission.RefusedBecause}").ToList();
        if (refusals.Count == all.Count)
            throw new InvalidOperationException(string.Join("; ", refusals));
        foreach (var refusal in refusals)
            SchedulerLog.JobRefused(logger, options.Name, task, refusal);
        return all.Where(entry => entry.Submission.IsAccepted).Select(entry => entry.Submission).ToList();
    }

    /// <summary>One server's jobs: those for the job script posted together, then those repman runs in turn.</summary>
    private async Task<List<(JobPlan Plan, JobSubmission Submission)>> StartOnServerAsync(ServerAddress server, List<JobPlan> plans, CancellationToken cancellationToken)
    {
        var remote = plans.Where(plan => plan.Mode != JobMode.Local).ToList();
        var results = new List<(JobPlan Plan, JobSubmission Submission)>(plans.Count);
        if (remote.Count > 0)
            results.AddRange(remote.Zip(await engine.SubmitRemoteAsync(server, remote.Select(plan => plan.Task).ToList(), cancellationToken, saveHistory: false)));
        foreach (var plan in plans.Where(plan => plan.Mode == JobMode.Local))
            results.Add((plan, await StartAsync(plan, cancellationToken, saveHistory: false)));
        return results;
    }

    /// <summary>Starts one planned job; used by the scheduler and by the API's "run now" actions.</summary>
    /// <param name="saveHistory">False when the caller saves the server's history once after all its jobs.</param>
    public Task<JobSubmission> StartAsync(JobPlan plan, CancellationToken cancellationToken, bool saveHistory = true)
    {
        if (plan.Mode != JobMode.Local)
            return engine.SubmitRemoteAsync(plan.Server, plan.Task, cancellationToken, saveHistory);
        var work = localTasks(plan.Task);
        if (work is null)
            return Task.FromResult(JobSubmission.Refused($"repman cannot run {plan.Task} itself"));
        var server = registry.FindServer(options.Name, plan.Server.Host, plan.Server.Port);
        if (server is null)
            return Task.FromResult(JobSubmission.Refused($"{plan.Server} is not a server of {options.Name}"));
        var context = new LocalTaskContext(options, server, destinations, time, logger);
        return engine.RunLocalAsync(plan.Server, plan.Task, token => work.RunAsync(context, token), cancellationToken, saveHistory);
    }
}
