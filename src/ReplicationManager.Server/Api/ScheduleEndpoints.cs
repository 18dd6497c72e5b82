using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Scheduling;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Api.Contracts;
using static ReplicationManager.Server.Api.ClusterJobsLookup;

namespace ReplicationManager.Server.Api;

/// <summary>
/// The cluster scheduler at run time: replication-manager's <c>settings/actions/set-cron</c> and
/// <c>settings/actions/switch</c> for the scheduler keys (applied at once and kept across restarts), and
/// repman's <c>/schedule</c> showing each task, its next run and the recent firings, skipped ones with their reason.
/// </summary>
internal static class ScheduleEndpoints
{
    public static IEndpointRouteBuilder MapScheduleEndpoints(this IEndpointRouteBuilder routes)
    {
        var cluster = routes.MapGroup("/api/clusters/{cluster}");
        cluster.MapMethods("/settings/actions/set-cron/{setting}/{**value}", ActionMethods, SetCron).RequireGrant(ApiGrants.ClusterSettings)
            .WithSummary("Set the cron of a scheduled task (URL-escaped expression)");
        cluster.MapMethods("/settings/actions/switch/{setting}", ActionMethods, Switch).RequireGrant(ApiGrants.ClusterSettings)
            .WithSummary("Turn a scheduled task, or monitoring-scheduler, on or off");
        cluster.MapMethods("/settings/actions/set/scheduler-jobs-mode/{mode}", ActionMethods, SetJobsModeAsync).RequireGrant(ApiGrants.ClusterSettings)
            .WithSummary("Switch how jobs reach the job script: sql (jobs table) or api (cookies and REST calls)");
        cluster.MapGet("/schedule", GetSchedule).RequireGrant(ApiGrants.ClusterProcess)
            .WithSummary("Scheduled tasks, their next runs and recent firings (repman)");
        return routes;
    }

    public static Results<Ok<ScheduleJson>, ProblemHttpResult> SetCron(string cluster, string setting, string value, IClusterRegistry registry, JobsRegistry jobs, TimeProvider time)
    {
        if (Resolve(cluster, registry, jobs, out var scheduler) is { } problem)
            return problem;
        var change = scheduler!.Settings.SetCron(setting, Uri.UnescapeDataString(value));
        return change.Applied ? TypedResults.Ok(ScheduleJson.Of(scheduler, time.GetUtcNow())) : JobProblems.BadSetting(change.Message, change.IsUnknownKey);
    }

    public static Results<Ok<ScheduleJson>, ProblemHttpResult> Switch(string cluster, string setting, IClusterRegistry registry, JobsRegistry jobs, TimeProvider time)
    {
        if (Resolve(cluster, registry, jobs, out var scheduler) is { } problem)
            return problem;
        var settings = scheduler!.Settings;
        var current = setting == "monitoring-scheduler" ? settings.Enabled : settings.Find(setting) is { } task && task.Name == setting ? task.Enabled : (bool?)null;
        if (current is null)
            return JobProblems.BadSetting(settings.SetEnabled(setting, true).Message, unknown: true);
        var change = settings.SetEnabled(setting, !current.Value);
        return change.Applied ? TypedResults.Ok(ScheduleJson.Of(scheduler, time.GetUtcNow())) : JobProblems.BadSetting(change.Message, change.IsUnknownKey);
    }

    /// <summary>Switching to api drops each server's jobs table, refused while a job runs or a table has busy rows.</summary>
    public static async Task<Results<Ok<ScheduleJson>, ProblemHttpResult>> SetJobsModeAsync(
        string cluster, string mode, IClusterRegistry registry, JobsRegistry jobs, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ClusterJobsLookup.Resolve(cluster, registry, jobs, out var clusterJobs) is { } problem)
            return problem;
        if (mode is not ("sql" or "api"))
            return JobProblems.BadSetting($"scheduler-jobs-mode is sql or api, not '{mode}'", unknown: false);
        if (await clusterJobs!.SwitchModeAsync(mode == "api" ? JobMode.Api : JobMode.Sql, cancellationToken) is { } refused)
            return JobProblems.NothingSwitched(refused);
        return TypedResults.Ok(ScheduleJson.Of(clusterJobs.Scheduler, time.GetUtcNow()));
    }

    public static Results<Ok<ScheduleJson>, ProblemHttpResult> GetSchedule(string cluster, IClusterRegistry registry, JobsRegistry jobs, TimeProvider time) =>
        Resolve(cluster, registry, jobs, out var scheduler) is { } problem ? problem : TypedResults.Ok(ScheduleJson.Of(scheduler!, time.GetUtcNow()));

    private static ProblemHttpResult? Resolve(string cluster, IClusterRegistry registry, JobsRegistry jobs, out ClusterScheduler? scheduler)
    {
        var problem = ClusterJobsLookup.Resolve(cluster, registry, jobs, out var clusterJobs);
        scheduler = clusterJobs?.Scheduler;
        return problem;
    }
}
