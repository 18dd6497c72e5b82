using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Api.Contracts;

namespace ReplicationManager.Server.Api;

/// <summary>Liveness for monitors and peers: <c>/api/status</c> and the arbitration heartbeat, on both ports.</summary>
internal static class StatusEndpoints
{
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/status", GetStatus).Public().OnCheckPort()
            .WithSummary("repman is running");
        routes.MapGet("/api/heartbeat", GetHeartbeat).Public().OnCheckPort()
            .WithSummary("Arbitration heartbeat");
        routes.MapGet("/heartbeat", GetHeartbeat).Public().OnCheckPort()
            .WithSummary("Arbitration heartbeat (legacy path)");
        return routes;
    }

    public static Ok<AliveStatus> GetStatus(CancellationToken cancellationToken) => TypedResults.Ok(AliveStatus.Running);

    public static Ok<Heartbeat> GetHeartbeat(RepmanInstance instance, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Heartbeat(
            instance.Uuid,
            instance.HasSecret ? "*:*" : "",
            "",
            "",
            instance.UniqueId,
            instance.Status,
            0,
            0));
}
