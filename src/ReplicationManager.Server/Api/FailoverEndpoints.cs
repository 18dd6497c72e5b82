using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Core.Failover;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api.Auth;
using static ReplicationManager.Server.Api.ClusterJobsLookup;

namespace ReplicationManager.Server.Api;

/// <summary>
/// replication-manager's switchover and failover actions, repman's dry runs of them, the failover counter and its
/// reset. A change answers 200 with every step it ran, 409 with the reasons when refused or when a step failed
/// (everything before it undone).
/// </summary>
internal static class FailoverEndpoints
{

    public static IEndpointRouteBuilder MapFailoverEndpoints(this IEndpointRouteBuilder routes)
    {
        var cluster = routes.MapGroup("/api/clusters/{cluster}");
        cluster.MapMethods("/actions/switchover", ActionMethods, Switchover).RequireGrant(ApiGrants.ClusterSwitchover)
            .WithSummary("Switch the primary over to the best replica, or to ?prefmaster=host:port");
        cluster.MapGet("/actions/switchover/dry-run", SwitchoverDryRun).RequireGrant(ApiGrants.ClusterSwitchover)
            .WithSummary("The switchover's plan, step by step, or why it is refused; changes nothing (repman)");
        cluster.MapMethods("/actions/failover", ActionMethods, Failover).RequireGrant(ApiGrants.ClusterFailover)
            .WithSummary("Fail a Failed primary over to the most advanced replica");
        cluster.MapGet("/actions/failover/dry-run", FailoverDryRun).RequireGrant(ApiGrants.ClusterFailover)
            .WithSummary("The failover's plan, step by step, or why it is refused; changes nothing (repman)");
        cluster.MapMethods("/actions/reset-failover-control", ActionMethods, ResetFailoverControl).RequireGrant(ApiGrants.ClusterSettings)
            .WithSummary("Set the failover counter (failover-limit) and the time of the last change (failover-time-limit) back");
        cluster.MapMethods("/actions/rolling", ActionMethods, StartRollingRestart).RequireGrant(ApiGrants.ClusterRolling)
            .WithSummary("Rolling restart: each replica restarted by the job script and back in sync, a switchover, the old primary");
        cluster.MapMethods("/actions/cancel-rolling-restart", ActionMethods, CancelRollingRestart).RequireGrant(ApiGrants.ClusterRolling)
            .WithSummary("Stop the rolling restart under way after its current step");
        cluster.MapGet("/rolling", GetRolling).RequireGrant(ApiGrants.ClusterRolling)
            .WithSummary("The latest rolling restart: its steps, running or how it ended (repman)");
        cluster.MapGet("/failover", GetHistory).ForAnyUser()
            .WithSummary("Failovers counted, the last change, servers waiting to rejoin, a change under way (repman)");
        routes.MapGroup("/api/clusters/{cluster}/servers/{id}")
            .MapMethods("/actions/switchover", ActionMethods, SwitchoverToServer).RequireGrant(ApiGrants.ClusterSwitchover)
            .WithSummary("Switch the primary over to this server");
        return routes;
    }

    public static async Task<Results<Ok<PrimaryChangeOutcome>, ProblemHttpResult>> Switchover(
        string cluster, HttpRequest request, FailoverRegistry failovers, IHostApplicationLifetime lifetime)
    {
        if (failovers.Get(cluster) is not { } coordinator)
            return ApiProblems.ClusterNotFound(cluster);
        var preferred = await PreferredAsync(request);
        if (preferred.Error is { } error)
            return ApiProblems.BadRequest(error);
        return Answer(await coordinator.RunAsync(PrimaryChangeKind.Switchover, preferred.Address, lifetime.ApplicationStopping));
    }

    public static async Task<Results<Ok<PrimaryChangeOutcome>, ProblemHttpResult>> SwitchoverToServer(
        string cluster, string id, IClusterRegistry registry, FailoverRegistry failovers, IHostApplicationLifetime lifetime)
    {
        if (failovers.Get(cluster) is not { } coordinator)
            return ApiProblems.ClusterNotFound(cluster);
        if (registry.FindServerById(cluster, id) is not { } server)
            return ApiProblems.ServerNotFound(cluster, id);
        return Answer(await coordinator.RunAsync(PrimaryChangeKind.Switchover, server.Address, lifetime.ApplicationStopping));
    }

    public static async Task<Results<Ok<PrimaryChangeOutcome>, ProblemHttpResult>> Failover(
        string cluster, FailoverRegistry failovers, IHostApplicationLifetime lifetime)
    {
        if (failovers.Get(cluster) is not { } coordinator)
            return ApiProblems.ClusterNotFound(cluster);
        return Answer(await coordinator.RunAsync(PrimaryChangeKind.Failover, null, lifetime.ApplicationStopping));
    }

    public static async Task<Results<Ok<PrimaryChangePlan>, ProblemHttpResult>> SwitchoverDryRun(string cluster, HttpRequest request, FailoverRegistry failovers)
    {
        if (failovers.Get(cluster) is not { } coordinator)
            return ApiProblems.ClusterNotFound(cluster);
        var preferred = await PreferredAsync(request);
        if (preferred.Error is { } error)
            return ApiProblems.BadRequest(error);
        return TypedResults.Ok(coordinator.Plan(PrimaryChangeKind.Switchover, preferred.Address));
    }

    public static Results<Ok<PrimaryChangePlan>, ProblemHttpResult> FailoverDryRun(string cluster, FailoverRegistry failovers) =>
        failovers.Get(cluster) is { } coordinator ? TypedResults.Ok(coordinator.Plan(PrimaryChangeKind.Failover)) : ApiProblems.ClusterNotFound(cluster);

    public static async Task<Results<Ok<FailoverHistoryJson>, ProblemHttpResult>> ResetFailoverControl(
        string cluster, FailoverRegistry failovers, CancellationToken cancellationToken)
    {
        if (failovers.Get(cluster) is not { } coordinator)
            return ApiProblems.ClusterNotFound(cluster);
        await coordinator.ResetFailoverControlAsync(cancellationToken);
        return TypedResults.Ok(FailoverHistoryJson.From(coordinator.History));
    }

    public static Results<Ok<FailoverHistoryJson>, ProblemHttpResult> GetHistory(string cluster, FailoverRegistry failovers) =>
        failovers.Get(cluster) is { } coordinator ? TypedResults.Ok(FailoverHistoryJson.From(coordinator.History)) : ApiProblems.ClusterNotFound(cluster);

    public static Results<Accepted<RollingRestartStatus>, ProblemHttpResult> StartRollingRestart(
        string cluster, FailoverRegistry failovers, JobsRegistry jobs)
    {
        if (failovers.Get(cluster) is not { } coordinator)
            return ApiProblems.ClusterNotFound(cluster);
        if (jobs.Get(cluster) is not { } clusterJobs)
            return JobProblems.NotReady(cluster);
        var refusals = coordinator.StartRollingRestart(new ScriptRestart(clusterJobs));
        if (refusals.Count > 0)
            return TypedResults.Problem($"rolling restart refused: {string.Join("; ", refusals)}", statusCode: StatusCodes.Status409Conflict,
                title: "Rolling restart refused", extensions: new Dictionary<string, object?> { ["refusals"] = refusals });
        return TypedResults.Accepted($"/api/clusters/{cluster}/rolling", coordinator.Rolling);
    }

    public static Results<Ok<RollingRestartStatus>, ProblemHttpResult> CancelRollingRestart(string cluster, FailoverRegistry failovers)
    {
        if (failovers.Get(cluster) is not { } coordinator)
            return ApiProblems.ClusterNotFound(cluster);
        return coordinator.CancelRollingRestart()
            ? TypedResults.Ok(coordinator.Rolling)
            : TypedResults.Problem("no rolling restart runs", statusCode: StatusCodes.Status404NotFound, title: "No rolling restart");
    }

    public static Results<Ok<RollingRestartStatus>, ContentHttpResult, ProblemHttpResult> GetRolling(string cluster, FailoverRegistry failovers)
    {
        if (failovers.Get(cluster) is not { } coordinator)
            return ApiProblems.ClusterNotFound(cluster);
        return coordinator.Rolling is { } status ? TypedResults.Ok(status) : TypedResults.Content("null", "application/json");
    }

    private static Results<Ok<PrimaryChangeOutcome>, ProblemHttpResult> Answer((PrimaryChangePlan Plan, PrimaryChangeOutcome? Outcome) result)
    {
        var (plan, outcome) = result;
        var kind = plan.Kind.ToString().ToLowerInvariant();
        if (outcome is null)
            return TypedResults.Problem($"{kind} refused: {string.Join("; ", plan.Refusals)}", statusCode: StatusCodes.Status409Conflict,
                title: $"{plan.Kind} refused", extensions: new Dictionary<string, object?> { ["plan"] = plan });
        if (!outcome.Succeeded)
            return TypedResults.Problem(
                outcome.Vetoed
                    ? $"{kind} vetoed: the primary {plan.OldPrimary} looks alive: {outcome.Error}"
                    : $"{kind} failed at {outcome.FailedStep?.Action} {outcome.FailedStep?.Server}: {outcome.Error}; the steps before it were undone",
                statusCode: StatusCodes.Status409Conflict, title: $"{plan.Kind} failed", extensions: new Dictionary<string, object?> { ["outcome"] = outcome });
        return TypedResults.Ok(outcome);
    }

    /// <summary>replication-manager's <c>prefmaster</c> (host:port), from the query or a form body; null when absent.</summary>
    private static async Task<(ServerAddress? Address, string? Error)> PreferredAsync(HttpRequest request)
    {
        string? text = request.Query["prefmaster"];
        if (string.IsNullOrEmpty(text) && request.HasFormContentType)
            text = (await request.ReadFormAsync(request.HttpContext.RequestAborted))["prefmaster"];
        if (string.IsNullOrEmpty(text))
            return (null, null);
        return ServerAddress.TryParse(text, out var address, out var error) ? (address, null) : (null, $"prefmaster '{text}': {error}");
    }
}

/// <summary>The failover history as the API shows it, addresses as host:port.</summary>
internal sealed record FailoverHistoryJson(int Failovers, DateTimeOffset? LastChange, IReadOnlyList<string> RejoinPending, string? RejoinSource,
    PrimaryChangeInProgress? InProgress)
{
    public static FailoverHistoryJson From(FailoverHistory history) => new(history.Failovers, history.LastChange,
        history.Rejoining.Select(a => a.ToString()).ToList(), history.RejoinSource?.ToString(), history.InProgress);
}
