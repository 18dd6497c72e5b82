using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Core.Failover;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api.Auth;

namespace ReplicationManager.Server.Api;

/// <summary>
/// The proxies' health checks (HAProxy <c>option httpchk</c>, scripts): replication-manager's paths and body texts,
/// with the HTTP status always the number the body starts with (200 or 503). Public, on both ports. They answer
/// GET, HEAD and OPTIONS, since HAProxy checks with OPTIONS unless told otherwise.
/// </summary>
internal static class CheckEndpoints
{
    public const string ValidMaster = "200 -Valid Master!";
    public const string NotValidMaster = "503 -Not a Valid Master!";
    public const string ValidSlave = "200 -Valid Slave!";
    public const string NotValidSlave = "503 -Not a Valid Slave!";
    public const string NodeNotFound = "503 -Node not Found!";
    public const string NoCluster = "No cluster";

    private static readonly string[] CheckMethods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Options];

    public static IEndpointRouteBuilder MapCheckEndpoints(this IEndpointRouteBuilder routes)
    {
        MapCheck(routes, "/api/clusters/{cluster}/servers/{host}/{port}/is-master", IsMasterByAddress);
        MapCheck(routes, "/api/clusters/{cluster}/servers/{host}/{port}/is-slave", IsSlaveByAddress);
        MapCheck(routes, "/api/clusters/{cluster}/servers/{id}/is-master", IsMasterById);
        MapCheck(routes, "/api/clusters/{cluster}/servers/{id}/is-slave", IsSlaveById);
        // replication-manager 2.0's paths, still used by external check scripts.
        MapCheck(routes, "/clusters/{cluster}/servers/{host}/{port}/master-status", IsMasterByAddress);
        MapCheck(routes, "/clusters/{cluster}/servers/{host}/{port}/slave-status", IsSlaveByAddress);
        MapCheck(routes, "/clusters/{cluster}/servers/{id}/master-status", IsMasterById);
        MapCheck(routes, "/clusters/{cluster}/servers/{id}/slave-status", IsSlaveById);
        return routes;
    }

    public static Results<ContentHttpResult, ProblemHttpResult> IsMasterByAddress(
        string cluster, string host, string port, IClusterRegistry registry, RepmanInstance instance, FailoverRegistry failovers, CancellationToken cancellationToken)
    {
        if (!TryParsePort(port, out var portNumber))
            return ApiProblems.BadRequest($"'{port}' is not a port (1-65535)");
        if (registry.GetSnapshot(cluster) is not { } snapshot)
            return Answer(NoCluster);
        if (registry.FindServer(cluster, host, portNumber) is not { } server)
            return Answer(NodeNotFound);
        return Answer(ProxyChecks.IsValidPrimary(snapshot, server, ContextOf(instance, failovers, cluster)) ? ValidMaster : NotValidMaster);
    }

    public static Results<ContentHttpResult, ProblemHttpResult> IsSlaveByAddress(
        string cluster, string host, string port, IClusterRegistry registry, RepmanInstance instance, FailoverRegistry failovers, CancellationToken cancellationToken)
    {
        if (!TryParsePort(port, out var portNumber))
            return ApiProblems.BadRequest($"'{port}' is not a port (1-65535)");
        if (registry.GetSnapshot(cluster) is not { } snapshot)
            return Answer(NoCluster);
        var server = registry.FindServer(cluster, host, portNumber);
        return Answer(server is not null && ProxyChecks.IsValidReplica(snapshot, server, ContextOf(instance, failovers, cluster)) ? ValidSlave : NotValidSlave);
    }

    public static Results<ContentHttpResult, ProblemHttpResult> IsMasterById(
        string cluster, string id, IClusterRegistry registry, RepmanInstance instance, FailoverRegistry failovers, CancellationToken cancellationToken)
    {
        if (registry.GetSnapshot(cluster) is not { } snapshot)
            return Answer(NoCluster);
        var server = registry.FindServerById(cluster, id);
        return Answer(server is not null && ProxyChecks.IsValidPrimary(snapshot, server, ContextOf(instance, failovers, cluster)) ? ValidMaster : NotValidMaster);
    }

    public static Results<ContentHttpResult, ProblemHttpResult> IsSlaveById(
        string cluster, string id, IClusterRegistry registry, RepmanInstance instance, FailoverRegistry failovers, CancellationToken cancellationToken)
    {
        if (registry.GetSnapshot(cluster) is not { } snapshot)
            return Answer(NoCluster);
        var server = registry.FindServerById(cluster, id);
        return Answer(server is not null && ProxyChecks.IsValidReplica(snapshot, server, ContextOf(instance, failovers, cluster)) ? ValidSlave : NotValidSlave);
    }

    private static void MapCheck(IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, CheckMethods, handler).Public().OnCheckPort()
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .Produces<string>(StatusCodes.Status503ServiceUnavailable, "text/plain")
            .WithSummary("Proxy check: 200 or 503 with replication-manager's body text");

    // replication-manager answers "No cluster" with HTTP 500; a check answers 200 or 503, so it is 503 here.
    private static ContentHttpResult Answer(string body) =>
        TypedResults.Text(body, "text/plain", statusCode: body.StartsWith("200 ", StringComparison.Ordinal) ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);

    private static ClusterCheckContext ContextOf(RepmanInstance instance, FailoverRegistry failovers, string cluster) =>
        new(instance.IsActive, IsInFailover: failovers.Get(cluster)?.IsChanging ?? false, ReadOnMaster: false);

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
