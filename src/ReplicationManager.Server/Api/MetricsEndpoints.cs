using ReplicationManager.Core.Options;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Hosting;

namespace ReplicationManager.Server.Api;

/// <summary>
/// <c>/metrics</c> in the Prometheus text format (prometheus-net exporting repman's meter, ASP.NET Core's request
/// metrics and the runtime's): a token with <c>cluster-show-graphs</c> on the API port; without a token on the check
/// port when <c>prometheus-check-port</c> is set.
/// </summary>
internal static class MetricsEndpoints
{
    private const string TextFormat = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder routes)
    {
        // The export (and the meter's instruments) exist once made; made here, before the first scrape.
        routes.ServiceProvider.GetRequiredService<PrometheusExport>();
        var metrics = routes.MapGet("/metrics", WriteAsync)
            .WithMetadata(ApiAccess.GrantedOrCheckPort(ApiGrants.ClusterShowGraphs))
            .WithSummary("Prometheus metrics: servers, jobs, monitoring ticks, API requests (repman)");
        if (routes.ServiceProvider.GetRequiredService<ApiOptions>().MetricsOnCheckPort)
            metrics.OnCheckPort();
        return routes;
    }

    public static async Task WriteAsync(HttpContext context, PrometheusExport export, CancellationToken cancellationToken)
    {
        context.Response.ContentType = TextFormat;
        await export.Registry.CollectAndExportAsTextAsync(context.Response.Body, cancellationToken);
    }
}
