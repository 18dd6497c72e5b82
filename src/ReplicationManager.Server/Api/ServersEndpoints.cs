using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Api.Contracts;
using ReplicationManager.Server.Api.Mapping;
using static ReplicationManager.Server.Api.ClusterJobsLookup;

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
        server.MapGet("/processlist", GetProcessListAsync).RequireGrant(ApiGrants.DbShowProcess)
            .WithSummary("The server's sessions (SHOW FULL PROCESSLIST), read now");
        server.MapMethods("/actions/maintenance", ActionMethods, SwitchMaintenance).RequireGrant(ApiGrants.DbMaintenance)
            .WithSummary("Put the server in maintenance, or take it out (switch)");
        server.MapMethods("/actions/set-maintenance", ActionMethods, SetMaintenance(true)).RequireGrant(ApiGrants.DbMaintenance)
            .WithSummary("Put the server in maintenance: proxies send it nothing, failover never elects it");
        server.MapMethods("/actions/del-maintenance", ActionMethods, SetMaintenance(false)).RequireGrant(ApiGrants.DbMaintenance)
            .WithSummary("Take the server out of maintenance");
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

    public static async Task<Results<Ok<IReadOnlyList<ProcessEntry>>, ProblemHttpResult>> GetProcessListAsync(
        string cluster, string id, IClusterRegistry registry, RepmanOptions options, CancellationToken cancellationToken)
    {
        if (Reachable(cluster, id, registry, out var server) is { } problem)
            return problem;
        try
        {
            return TypedResults.Ok(await ProcessList.ReadAsync(ClustersEndpoints.OptionsOf(options, cluster)!.Monitoring, server!.Address, cancellationToken));
        }
        catch (MariaDbException ex)
        {
            return TypedResults.Problem($"{server!.Address} did not answer SHOW FULL PROCESSLIST: {ex.Message}", statusCode: StatusCodes.Status502BadGateway, title: "Server unavailable");
        }
    }

    public static Results<Ok<MaintenanceJson>, ProblemHttpResult> SwitchMaintenance(string cluster, string id, IClusterRegistry registry) =>
        registry.FindServerById(cluster, id) is { } server
            ? Maintenance(cluster, id, registry, !ProxyChecks.IsInMaintenance(server))
            : NotFound(cluster, id, registry);

    private static Func<string, string, IClusterRegistry, Results<Ok<MaintenanceJson>, ProblemHttpResult>> SetMaintenance(bool on) =>
        (cluster, id, registry) => Maintenance(cluster, id, registry, on);

    /// <summary>Asks the registry; the next tick shows the server's new state, the answer says what was asked.</summary>
    private static Results<Ok<MaintenanceJson>, ProblemHttpResult> Maintenance(string cluster, string id, IClusterRegistry registry, bool on)
    {
        if (registry.FindServerById(cluster, id) is not { } server)
            return NotFound(cluster, id, registry);
        if (!registry.SetMaintenance(cluster, server.Address, on))
            return NotFound(cluster, id, registry);
        return TypedResults.Ok(new MaintenanceJson(server.Address.ToString(), on));
    }

    private static ProblemHttpResult NotFound(string cluster, string id, IClusterRegistry registry) =>
        registry.GetSnapshot(cluster) is null ? ApiProblems.ClusterNotFound(cluster) : ApiProblems.ServerNotFound(cluster, id);

    /// <summary>Answers from a server that answers; replication-manager refuses a server that is down, and so does repman.</summary>
    private static Results<Ok<T>, ProblemHttpResult> WithServer<T>(
        string cluster, string id, IClusterRegistry registry, Func<ServerSnapshot, T> read) =>
        Reachable(cluster, id, registry, out var server) is { } problem ? problem : TypedResults.Ok(read(server!));

    private static ProblemHttpResult? Reachable(string cluster, string id, IClusterRegistry registry, out ServerSnapshot? server)
    {
        server = null;
        if (registry.GetSnapshot(cluster) is null)
            return ApiProblems.ClusterNotFound(cluster);
        if ((server = registry.FindServerById(cluster, id)) is null)
            return ApiProblems.ServerNotFound(cluster, id);
        return server.State.IsUnreachable() ? ApiProblems.ServerUnreachable(cluster, id, server.State.ToGoName()) : null;
    }

    private static List<VariableJson> Sorted(IReadOnlyDictionary<string, string> values) =>
        values.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new VariableJson(pair.Key, pair.Value)).ToList();
}
