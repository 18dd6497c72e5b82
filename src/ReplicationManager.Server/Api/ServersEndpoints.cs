using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Api.Contracts;
using ReplicationManager.Server.Api.Mapping;

namespace ReplicationManager.Server.Api;

/// <summary>What repman read from one server: <c>/api/clusters/{cluster}/servers/{id}/...</c>, by server id.</summary>
internal static class ServersEndpoints
{
    public static IEndpointRouteBuilder MapServersEndpoints(this IEndpointRouteBuilder routes)
    {
        var server = routes.MapGroup("/api/clusters/{cluster}/servers/{id}");
        server.MapGet("/variables", GetVariables).RequireGrant(ApiGrants.DbShowVariables).WithSummary("Global variables");
        server.MapGet("/status", GetStatus).RequireGrant(ApiGrants.DbShowStatus).WithSummary("Global status");
        server.MapGet("/all-slaves-status", GetAllSlavesStatus).RequireGrant(ApiGrants.DbReplication)
            .WithSummary("Every replication connection (SHOW ALL SLAVES STATUS)");
        server.MapGet("/master-status", GetMasterStatus).RequireGrant(ApiGrants.DbReplication)
            .WithSummary("The binary log position (SHOW MASTER STATUS)");
        return routes;
    }

    public static Results<Ok<List<VariableJson>>, ProblemHttpResult> GetVariables(
        string cluster, string id, IClusterRegistry registry, CancellationToken cancellationToken) =>
        WithServer(cluster, id, registry, server => Sorted(server.Variables));

    public static Results<Ok<List<VariableJson>>, ProblemHttpResult> GetStatus(
        string cluster, string id, IClusterRegistry registry, CancellationToken cancellationToken) =>
        WithServer(cluster, id, registry, server => Sorted(server.Status));

    public static Results<Ok<List<SlaveStatusJson>>, ProblemHttpResult> GetAllSlavesStatus(
        string cluster, string id, IClusterRegistry registry, CancellationToken cancellationToken) =>
        WithServer(cluster, id, registry, server => server.ReplicationChannels.Select(SlaveStatusMapper.ToJson).ToList());

    public static Results<Ok<MasterStatusJson>, ProblemHttpResult> GetMasterStatus(
        string cluster, string id, IClusterRegistry registry, CancellationToken cancellationToken) =>
        WithServer(cluster, id, registry, ServerMonitorMapper.MasterStatus);

    /// <summary>Answers from a server that answers; replication-manager refuses a server that is down, and so does repman.</summary>
    private static Results<Ok<T>, ProblemHttpResult> WithServer<T>(
        string cluster, string id, IClusterRegistry registry, Func<ServerSnapshot, T> read)
    {
        if (registry.GetSnapshot(cluster) is null)
            return ApiProblems.ClusterNotFound(cluster);
        if (registry.FindServerById(cluster, id) is not { } server)
            return ApiProblems.ServerNotFound(cluster, id);
        if (server.State.IsUnreachable())
            return ApiProblems.ServerUnreachable(cluster, id, server.State.ToGoName());
        return TypedResults.Ok(read(server));
    }

    private static List<VariableJson> Sorted(IReadOnlyDictionary<string, string> values) =>
        values.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new VariableJson(pair.Key, pair.Value)).ToList();
}
