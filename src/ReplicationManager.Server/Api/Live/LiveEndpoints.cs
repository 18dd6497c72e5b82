using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Server.Api.Auth;

namespace ReplicationManager.Server.Api.Live;

/// <summary>
/// <c>/api/events</c>: one server-sent-events stream per dashboard or <c>replication-manager-cli events</c>, and
/// <c>/api/whoami</c>. The stream needs the bearer token in the header, as every route (never in the URL, where
/// logs and proxies keep it).
/// </summary>
internal static class LiveEndpoints
{
    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/events", Stream).ForAnyUser()
            .WithSummary("Server-sent events: clusters, servers, jobs, alerts when they change, and server state changes (repman)");
        routes.MapGet("/api/whoami", WhoAmI).ForAnyUser().WithSummary("The logged-in user and its grants (repman)");
        return routes;
    }

    public static ServerSentEventsResult<string> Stream(HttpContext context, LiveFeed feed, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(feed.StreamAsync(ApiCaller.Get(context)!, cancellationToken));

    public static Ok<LiveHello> WhoAmI(HttpContext context)
    {
        var user = ApiCaller.Get(context)!;
        return TypedResults.Ok(new LiveHello(user.Name, user.Grants.Order(StringComparer.Ordinal).ToList()));
    }
}
