using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Reseed;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api.Auth;
using static ReplicationManager.Server.Api.ClusterJobsLookup;

namespace ReplicationManager.Server.Api;

/// <summary>
/// replication-manager's reseed routes (grant db-restore), by server id or by host and port:
/// <c>actions/reseed/{physicalbackup|logicalbackup|logicalmaster}</c> answers 202 with the joiner's job, or 409 with
/// the reason (without <c>?confirm=true</c>, the plan it would run); <c>actions/reseed-cancel</c> stops it.
/// <c>?backup=&lt;id&gt;</c> names the backup to send instead of the newest (a restic snapshot id too);
/// <c>?donor=&lt;id|host:port&gt;</c> takes a fresh physical backup of that server and relays it as it arrives.
/// </summary>
internal static class ReseedEndpoints
{
    public static IEndpointRouteBuilder MapReseedEndpoints(this IEndpointRouteBuilder routes)
    {
        foreach (var server in new[] { "/api/clusters/{cluster}/servers/{id}", "/api/clusters/{cluster}/servers/{host}/{port}" })
        {
            var group = routes.MapGroup(server);
            group.MapMethods("/actions/reseed/{method}", ActionMethods, StartAsync).RequireGrant(ApiGrants.DbRestore)
                .WithSummary("Replace this replica's data with a backup and make it replicate again (?confirm=true; ?backup=<id>)");
            group.MapMethods("/actions/reseed-cancel", ActionMethods, CancelAsync).RequireGrant(ApiGrants.DbRestore)
                .WithSummary("Cancel the reseed in flight on this server");
        }
        return routes;
    }

    public static async Task<Results<Accepted<ReseedStarted>, ProblemHttpResult>> StartAsync(string cluster, string method, HttpContext context,
        IClusterRegistry registry, JobsRegistry jobs, CancellationToken cancellationToken)
    {
        if (Locate(cluster, context, registry, jobs, out var clusterJobs, out var joiner) is { } problem)
            return problem;
        if (!ReseedMethods.ByRouteName.TryGetValue(method, out var reseedMethod))
            return ApiProblems.BadRequest($"'{method}' is not a reseed method; methods are: {string.Join(", ", ReseedMethods.ByRouteName.Keys)}");
        var query = context.Request.Query;
        var confirmed = query["confirm"] is { Count: > 0 } confirm && confirm[0] is "true" or "1" or "yes";
        var backup = query["backup"] is { Count: > 0 } named && !string.IsNullOrWhiteSpace(named[0]) ? named[0] : null;
        ServerAddress? donor = null;
        if (query["donor"] is { Count: > 0 } donors && !string.IsNullOrWhiteSpace(donors[0]))
        {
            donor = registry.FindServerById(cluster, donors[0]!)?.Address
                ?? (ServerAddress.TryParse(donors[0]!, out var parsed, out _) ? parsed : null);
            if (donor is null)
                return ApiProblems.BadRequest($"donor '{donors[0]}' is neither a server id nor host:port");
            if (backup is not null)
                return ApiProblems.BadRequest("name a backup or a donor, not both");
        }
        var (job, decision) = await clusterJobs!.Reseeds.StartAsync(joiner!, reseedMethod, backup, confirmed, cancellationToken, donor);
        if (job is null)
            return Refused(decision);
        return TypedResults.Accepted((string?)null, new ReseedStarted(job, decision.Plan!.Describe(), decision.Plan.Source.Id, decision.Plan.Source.Position));
    }

    public static async Task<Results<Ok<List<Job>>, ProblemHttpResult>> CancelAsync(string cluster, HttpContext context, IClusterRegistry registry, JobsRegistry jobs,
        CancellationToken cancellationToken)
    {
        if (Locate(cluster, context, registry, jobs, out var clusterJobs, out var joiner) is { } problem)
            return problem;
        var cancelled = await clusterJobs!.Reseeds.CancelAsync(joiner!, cancellationToken);
        return cancelled.Count == 0 ? JobProblems.NotRunning("reseed", joiner!.ToString()) : TypedResults.Ok(cancelled.ToList());
    }

    private static ProblemHttpResult Refused(ReseedDecision decision) => decision.Refusal switch
    {
        ReseedRefusal.UnknownServer => TypedResults.Problem(decision.Reason, statusCode: StatusCodes.Status404NotFound, title: "Server not found"),
        ReseedRefusal.NotAvailable => TypedResults.Problem(decision.Reason, statusCode: StatusCodes.Status501NotImplemented, title: "Reseed method not available"),
        ReseedRefusal.NotConfirmed => TypedResults.Problem(decision.Reason, statusCode: StatusCodes.Status409Conflict, title: "Reseed not confirmed"),
        _ => TypedResults.Problem(decision.Reason, statusCode: StatusCodes.Status409Conflict, title: "Reseed refused"),
    };

    private static ProblemHttpResult? Locate(string cluster, HttpContext context, IClusterRegistry registry, JobsRegistry jobs, out ClusterJobs? clusterJobs,
        out ServerAddress? joiner)
    {
        joiner = null;
        if (Resolve(cluster, registry, jobs, out clusterJobs) is { } problem)
            return problem;
        var values = context.Request.RouteValues;
        var server = values.TryGetValue("id", out var id)
            ? registry.FindServerById(cluster, (string)id!)
            : int.TryParse((string?)values["port"], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                ? registry.FindServer(cluster, (string)values["host"]!, port)
                : null;
        if (server is null)
            return ApiProblems.ServerNotFound(cluster, values.TryGetValue("id", out var name) ? (string)name! : $"{values["host"]}:{values["port"]}");
        joiner = server.Address;
        return null;
    }
}

/// <summary>The answer of a reseed that started: the joiner's job, what it will do, the backup sent and its position.</summary>
public sealed record ReseedStarted(Job Job, string Plan, string Backup, BackupPosition Position);
