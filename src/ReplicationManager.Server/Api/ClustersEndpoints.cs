using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Api.Contracts;
using ReplicationManager.Server.Api.Mapping;

namespace ReplicationManager.Server.Api;

/// <summary>Clusters and their topology: <c>/api/clusters</c>, with replication-manager's paths and JSON.</summary>
internal static class ClustersEndpoints
{
    public static IEndpointRouteBuilder MapClustersEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/clusters", GetClusters).ForAnyUser().WithSummary("The clusters the user may see");
        var clusters = routes.MapGroup("/api/clusters");
        clusters.MapGet("/{cluster}", GetCluster).ForAnyUser().WithSummary("One cluster");
        clusters.MapGet("/{cluster}/status", GetClusterStatus).Public().OnCheckPort()
            .WithSummary("running when the cluster has a primary that answers, else errors");
        clusters.MapGet("/{cluster}/topology/servers", GetServers).ForAnyUser().Produces<List<ServerMonitorJson>>()
            .WithSummary("Every server of the cluster");
        clusters.MapGet("/{cluster}/topology/master", GetMaster).ForAnyUser().Produces<ServerMonitorJson>().WithSummary("The primary, or null");
        clusters.MapGet("/{cluster}/topology/slaves", GetSlaves).ForAnyUser().Produces<List<ServerMonitorJson>>()
            .WithSummary("The replicas of the primary");
        clusters.MapGet("/{cluster}/jobs", GetJobs).RequireGrant(ApiGrants.ClusterProcess).WithSummary("Jobs run on the servers");
        clusters.MapGet("/{cluster}/topology/alerts", GetAlerts).ForAnyUser().WithSummary("Open errors and warnings (job WARN states among them)");
        return routes;
    }

    public static Ok<List<ClusterJson>> GetClusters(
        IClusterRegistry registry, RepmanOptions options, RepmanInstance instance, CancellationToken cancellationToken)
    {
        // Grants are global, so every logged-in user sees every cluster; replication-manager sorts them by name.
        var clusters = registry.ClusterNames
            .Select(registry.GetSnapshot)
            .OfType<ClusterSnapshot>()
            .OrderBy(snapshot => snapshot.Name, StringComparer.Ordinal)
            .Select(snapshot => ClusterMapper.ToJson(snapshot, OptionsOf(options, snapshot.Name), instance))
            .ToList();
        return TypedResults.Ok(clusters);
    }

    public static Results<Ok<ClusterJson>, ProblemHttpResult> GetCluster(
        string cluster, IClusterRegistry registry, RepmanOptions options, RepmanInstance instance, CancellationToken cancellationToken)
    {
        if (registry.GetSnapshot(cluster) is not { } snapshot)
            return ApiProblems.ClusterNotFound(cluster);
        return TypedResults.Ok(ClusterMapper.ToJson(snapshot, OptionsOf(options, cluster), instance));
    }

    public static Results<Ok<AliveStatus>, ProblemHttpResult> GetClusterStatus(
        string cluster, IClusterRegistry registry, CancellationToken cancellationToken)
    {
        if (registry.GetSnapshot(cluster) is not { } snapshot)
            return ApiProblems.ClusterNotFound(cluster);
        return TypedResults.Ok(ClusterMapper.IsFailable(snapshot) ? AliveStatus.Running : AliveStatus.Errors);
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> GetServers(
        string cluster, IClusterRegistry registry, RepmanOptions options, SnapshotJson json, CancellationToken cancellationToken)
    {
        if (registry.GetSnapshot(cluster) is not { } snapshot)
            return ApiProblems.ClusterNotFound(cluster);
        var clusterOptions = OptionsOf(options, cluster);
        return TypedResults.Bytes(json.Of(snapshot, options, "servers",
            () => snapshot.Servers.Select(server => ServerMonitorMapper.ToJson(server, snapshot, clusterOptions)).ToList()), SnapshotJson.ContentType);
    }

    public static Results<FileContentHttpResult, ContentHttpResult, ProblemHttpResult> GetMaster(
        string cluster, IClusterRegistry registry, RepmanOptions options, SnapshotJson json, CancellationToken cancellationToken)
    {
        if (registry.GetSnapshot(cluster) is not { } snapshot)
            return ApiProblems.ClusterNotFound(cluster);
        // replication-manager answers JSON null when the cluster has no primary.
        if (snapshot.Primary is not { } primary)
            return TypedResults.Content("null", "application/json");
        return TypedResults.Bytes(json.Of(snapshot, options, "master",
            () => ServerMonitorMapper.ToJson(primary, snapshot, OptionsOf(options, cluster))), SnapshotJson.ContentType);
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> GetSlaves(
        string cluster, IClusterRegistry registry, RepmanOptions options, SnapshotJson json, CancellationToken cancellationToken)
    {
        if (registry.GetSnapshot(cluster) is not { } snapshot)
            return ApiProblems.ClusterNotFound(cluster);
        var clusterOptions = OptionsOf(options, cluster);
        return TypedResults.Bytes(json.Of(snapshot, options, "slaves", () => snapshot.Replicas
            .Select(snapshot.Find)
            .OfType<ServerSnapshot>()
            .Select(server => ServerMonitorMapper.ToJson(server, snapshot, clusterOptions))
            .ToList()), SnapshotJson.ContentType);
    }

    public static Results<Ok<JobEntriesJson>, ProblemHttpResult> GetJobs(
        string cluster, IClusterRegistry registry, JobsRegistry jobs, CancellationToken cancellationToken)
    {
        if (registry.GetSnapshot(cluster) is not { } snapshot)
            return ApiProblems.ClusterNotFound(cluster);
        var history = jobs.Get(cluster)?.Engine.History;
        var servers = snapshot.Servers.ToDictionary(
            server => server.Id,
            server => new ServerTaskListJson(
                server.Address.ToString(),
                history?.Of(server.Address).Select(TaskJson.Of).ToList() ?? []),
            StringComparer.Ordinal);
        return TypedResults.Ok(new JobEntriesJson(JobEntriesJson.TaskHeader, servers));
    }

    public static Results<Ok<AlertsJson>, ProblemHttpResult> GetAlerts(string cluster, IClusterRegistry registry, JobsRegistry jobs, CancellationToken cancellationToken)
    {
        if (registry.GetSnapshot(cluster) is null)
            return ApiProblems.ClusterNotFound(cluster);
        var warnings = jobs.Get(cluster)?.Warnings.OrderBy(warning => warning.Code, StringComparer.Ordinal).ThenBy(warning => warning.Server, StringComparer.Ordinal).ToList() ?? [];
        return TypedResults.Ok(new AlertsJson([], warnings));
    }

    internal static ClusterOptions? OptionsOf(RepmanOptions options, string cluster) =>
        options.Clusters.FirstOrDefault(c => string.Equals(c.Name, cluster, StringComparison.Ordinal));
}
