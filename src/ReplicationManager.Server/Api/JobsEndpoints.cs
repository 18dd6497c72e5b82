using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options.Keys;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api.Auth;
using static ReplicationManager.Server.Api.ClusterJobsLookup;

namespace ReplicationManager.Server.Api;

/// <summary>
/// Jobs run now: replication-manager's backup, optimize and cancel actions, the per-server job history and
/// repman's <c>/analyze</c>. Actions answer 202 with the jobs started, or 409 saying why none could start.
/// </summary>
internal static class JobsEndpoints
{
    public static IEndpointRouteBuilder MapJobsEndpoints(this IEndpointRouteBuilder routes)
    {
        var cluster = routes.MapGroup("/api/clusters/{cluster}");
        cluster.MapMethods("/actions/master-physical-backup", ActionMethods, StartPrimaryPhysicalBackup).RequireGrant(ApiGrants.DbBackup)
            .WithSummary("Physical backup of the primary now");
        cluster.MapMethods("/actions/optimize", ActionMethods, StartClusterOptimize).RequireGrant(ApiGrants.ClusterRolling)
            .WithSummary("OPTIMIZE TABLE on every replica now");
        cluster.MapMethods("/actions/analyze", ActionMethods, StartClusterAnalyze).RequireGrant(ApiGrants.DbAnalyse)
            .WithSummary("ANALYZE TABLE of every user table on the primary now (repman)");

        cluster.MapMethods("/actions/restore-check", ActionMethods, StartRestoreChecks).RequireGrant(ApiGrants.DbBackup)
            .WithSummary("Restore the newest physical and logical backups into a scratch server, replicate and compare them with the primary (repman)");
        cluster.MapGet("/backups", GetBackups).RequireGrant(ApiGrants.ClusterShowBackups)
            .WithSummary("Every complete backup of the cluster, logical and physical, newest first, with its position, checksum and age");

        var server = routes.MapGroup("/api/clusters/{cluster}/servers/{id}");
        foreach (var action in new[] { "backup-logical", "backup-physical", "backup-error-log", "backup-slowquery-log" })
            server.MapMethods($"/actions/{action}", ActionMethods, StartServerAction(action)).RequireGrant(ApiGrants.DbBackup).WithSummary($"Run {action} on this server now");
        server.MapMethods("/actions/optimize", ActionMethods, StartServerAction("optimize")).RequireGrant(ApiGrants.DbMaintenance)
            .WithSummary("OPTIMIZE TABLE on this server now");
        server.MapMethods("/actions/stop", ActionMethods, StartServerAction("stop")).RequireGrant(ApiGrants.DbStop)
            .WithSummary("Stop the database server through the job script");
        server.MapMethods("/actions/start", ActionMethods, StartServerAction("start")).RequireGrant(ApiGrants.DbStart)
            .WithSummary("Start the database server through the job script (API mode when it is down)");
        server.MapMethods("/actions/restart", ActionMethods, StartServerAction("restart")).RequireGrant(ApiGrants.DbStart)
            .WithSummary("Restart the database server through the job script (repman)");
        server.MapMethods("/actions/run-jobs", ActionMethods, StartServerAction("run-jobs")).RequireGrant(ApiGrants.DbJobs)
            .WithSummary("Run the job script on this server's host over SSH now");
        server.MapMethods("/actions/job-cancel/{task}", ActionMethods, CancelJob).RequireGrant(ApiGrants.ClusterProcess)
            .WithSummary("Cancel the job of a task on this server");
        server.MapGet("/collected-logs/{task}", GetCollectedLog).RequireGrant(ApiGrants.DbLogs)
            .WithSummary("The error, slow query or audit log the job script collected: the last lines, or those after ?since= (repman)");
        server.MapGet("/jobs", GetServerJobs).RequireGrant(ApiGrants.ClusterProcess)
            .WithSummary("This server's jobs, newest first, with what repman knows of each (repman)");
        return routes;
    }

    public static Task<Results<Accepted<List<Job>>, ProblemHttpResult>> StartPrimaryPhysicalBackup(
        string cluster, IClusterRegistry registry, JobsRegistry jobs, CancellationToken cancellationToken)
    {
        if (Resolve(cluster, registry, jobs, out var clusterJobs) is { } problem)
            return Task.FromResult<Results<Accepted<List<Job>>, ProblemHttpResult>>(problem);
        var snapshot = registry.GetSnapshot(cluster)!;
        if (snapshot.Primary is not { IsReachable: true } primary)
            return Task.FromResult<Results<Accepted<List<Job>>, ProblemHttpResult>>(JobProblems.NothingStarted("there is no reachable primary"));
        return StartAsync(clusterJobs!, [JobTargets.ForServerAction("backup-physical", primary, clusterJobs!.Options, clusterJobs.Engine.Mode)!], cancellationToken);
    }

    public static Task<Results<Accepted<List<Job>>, ProblemHttpResult>> StartClusterOptimize(
        string cluster, IClusterRegistry registry, JobsRegistry jobs, CancellationToken cancellationToken) =>
        StartScheduledAsync(cluster, SchedulerKeys.Optimize.Name, registry, jobs, cancellationToken);

    public static Task<Results<Accepted<List<Job>>, ProblemHttpResult>> StartClusterAnalyze(
        string cluster, IClusterRegistry registry, JobsRegistry jobs, CancellationToken cancellationToken) =>
        StartScheduledAsync(cluster, SchedulerKeys.Analyze.Name, registry, jobs, cancellationToken);

    private static Func<string, string, IClusterRegistry, JobsRegistry, CancellationToken, Task<Results<Accepted<List<Job>>, ProblemHttpResult>>> StartServerAction(string action) =>
        (cluster, id, registry, jobs, cancellationToken) =>
        {
            if (Resolve(cluster, registry, jobs, out var clusterJobs) is { } problem)
                return Task.FromResult<Results<Accepted<List<Job>>, ProblemHttpResult>>(problem);
            if (registry.FindServerById(cluster, id) is not { } server)
                return Task.FromResult<Results<Accepted<List<Job>>, ProblemHttpResult>>(ApiProblems.ServerNotFound(cluster, id));
            var mode = clusterJobs!.Engine.Mode;
            if (!server.IsReachable && !JobTargets.RunsOnAnUnreachableServer(action, mode))
                return Task.FromResult<Results<Accepted<List<Job>>, ProblemHttpResult>>(ApiProblems.ServerUnreachable(cluster, id, server.State.ToGoName()));
            return StartAsync(clusterJobs, [JobTargets.ForServerAction(action, server, clusterJobs.Options, mode)!], cancellationToken);
        };

    public static async Task<Results<Ok<Job>, ProblemHttpResult>> CancelJob(
        string cluster, string id, string task, IClusterRegistry registry, JobsRegistry jobs, CancellationToken cancellationToken)
    {
        if (Resolve(cluster, registry, jobs, out var clusterJobs) is { } problem)
            return problem;
        if (registry.FindServerById(cluster, id) is not { } server)
            return ApiProblems.ServerNotFound(cluster, id);
        if (!JobTasks.IsKnown(task))
            return ApiProblems.BadRequest($"'{task}' is not a task; tasks are: {string.Join(", ", JobTasks.Remote.Union(JobTasks.Local).Order(StringComparer.Ordinal))}");
        var running = clusterJobs!.Engine.Active.FirstOrDefault(job => job.Target == server.Address && job.Task == task);
        if (running is null || !await clusterJobs.Engine.CancelAsync(server.Address, task, cancellationToken))
            return JobProblems.NotRunning(task, server.Address.ToString());
        return TypedResults.Ok(clusterJobs.Engine.History.Of(server.Address).First(job => job.Id == running.Id && job.Task == task));
    }

    public static Results<Ok<CollectedLog>, ProblemHttpResult> GetCollectedLog(string cluster, string id, string task, int? lines, long? since, IClusterRegistry registry, JobsRegistry jobs)
    {
        if (Resolve(cluster, registry, jobs, out var clusterJobs) is { } problem)
            return problem;
        if (registry.FindServerById(cluster, id) is not { } server)
            return ApiProblems.ServerNotFound(cluster, id);
        if (CollectedLogs.PrefixOf(task) is null)
            return ApiProblems.BadRequest($"'{task}' is not a collected log; logs are: errorlog, slowquery, auditlog");
        if (lines is < 1 or > CollectedLogs.MaxLines)
            return ApiProblems.BadRequest($"lines is 1 to {CollectedLogs.MaxLines}");
        if (since is < 0)
            return ApiProblems.BadRequest("since is a cursor a previous answer gave (0 or more)");
        return TypedResults.Ok(CollectedLogs.Read(clusterJobs!.Destinations, server.Address, task, lines ?? 100, since));
    }

    /// <summary>Starts the restore checks (one after the other, in the background); 202 with the first one's job.</summary>
    public static async Task<Results<Accepted<List<Job>>, ProblemHttpResult>> StartRestoreChecks(string cluster, IClusterRegistry registry, JobsRegistry jobs,
        CancellationToken cancellationToken)
    {
        if (Resolve(cluster, registry, jobs, out var clusterJobs) is { } problem)
            return problem;
        var (first, refused) = await clusterJobs!.RestoreChecks.BeginAsync(cancellationToken);
        return first is null ? JobProblems.NothingStarted(refused!) : TypedResults.Accepted((string?)null, new List<Job> { first });
    }

    public static async Task<Results<Ok<IReadOnlyList<BackupEntry>>, ProblemHttpResult>> GetBackups(string cluster, IClusterRegistry registry, JobsRegistry jobs, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (Resolve(cluster, registry, jobs, out var clusterJobs) is { } problem)
            return problem;
        var now = time.GetUtcNow();
        var local = BackupInventory.List(clusterJobs!.Destinations.ClusterBackupDirectory, now);
        if (clusterJobs.Archive is not { } archive)
            return TypedResults.Ok(local);
        var (snapshots, failure) = await archive.SnapshotsAsync(cancellationToken);
        return failure is null
            ? TypedResults.Ok(BackupInventory.WithArchive(local, snapshots, now))
            : TypedResults.Problem($"the restic repository {archive.Repository} cannot be read: {failure}", statusCode: StatusCodes.Status502BadGateway, title: "Restic unavailable");
    }

    public static Results<Ok<List<Job>>, ProblemHttpResult> GetServerJobs(string cluster, string id, IClusterRegistry registry, JobsRegistry jobs)
    {
        if (Resolve(cluster, registry, jobs, out var clusterJobs) is { } problem)
            return problem;
        if (registry.FindServerById(cluster, id) is not { } server)
            return ApiProblems.ServerNotFound(cluster, id);
        return TypedResults.Ok(clusterJobs!.Engine.History.Of(server.Address).ToList());
    }

    private static async Task<Results<Accepted<List<Job>>, ProblemHttpResult>> StartScheduledAsync(
        string cluster, string scheduledTask, IClusterRegistry registry, JobsRegistry jobs, CancellationToken cancellationToken)
    {
        if (Resolve(cluster, registry, jobs, out var clusterJobs) is { } problem)
            return problem;
        try
        {
            var started = await clusterJobs!.Runner.StartAllAsync(cluster, scheduledTask, cancellationToken);
            return TypedResults.Accepted((string?)null, started.Select(submission => submission.Job!).ToList());
        }
        catch (InvalidOperationException ex)
        {
            return JobProblems.NothingStarted(ex.Message);
        }
    }

    private static async Task<Results<Accepted<List<Job>>, ProblemHttpResult>> StartAsync(ClusterJobs jobs, IReadOnlyList<JobPlan> plans, CancellationToken cancellationToken)
    {
        var started = new List<Job>();
        var refused = new List<string>();
        foreach (var plan in plans)
        {
            var submission = await jobs.Runner.StartAsync(plan, cancellationToken);
            if (submission.IsAccepted)
                started.Add(submission.Job!);
            else
                refused.Add($"{plan.Task} on {plan.Server}: {submission.RefusedBecause}");
        }
        return started.Count > 0
            ? TypedResults.Accepted((string?)null, started)
            : JobProblems.NothingStarted(string.Join("; ", refused));
    }
}
