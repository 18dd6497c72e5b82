using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Core.Metrics;
using ReplicationManager.Core.Metrics.Render;
using ReplicationManager.Core.Options;
using ReplicationManager.Server.Api;
using ReplicationManager.Server.Api.Auth;

namespace ReplicationManager.Server.Graphite;

/// <summary>
/// The embedded store's render API on the API port, where replication-manager proxies it (<c>/graphite/render</c>,
/// <c>/graphite/metrics/find</c> for Grafana's query editor): GET or a form POST, a token with cluster-show-graphs.
/// </summary>
internal static class GraphiteEndpoints
{
    private const int MaxTargets = 50;

    public static IEndpointRouteBuilder MapGraphiteEndpoints(this IEndpointRouteBuilder routes)
    {
        if (routes.ServiceProvider.GetService<MetricStore>() is null)
            return routes;
        routes.MapMethods("/graphite/render", ["GET", "POST"], RenderAsync).WithMetadata(ApiAccess.GrantedForScrapers(ApiGrants.ClusterShowGraphs))
            .WithSummary("Graphite render API: target (globs, functions), from, until, format=json|csv, maxDataPoints");
        routes.MapMethods("/graphite/metrics/find", ["GET", "POST"], FindAsync).WithMetadata(ApiAccess.GrantedForScrapers(ApiGrants.ClusterShowGraphs))
            .WithSummary("Graphite metrics/find: the nodes a query matches, for Grafana's query editor");
        // carbonapi's own paths on graphite-carbon-api-port, answered there only.
        var apiPort = routes.ServiceProvider.GetRequiredService<GraphiteOptions>().CarbonApiPort;
        routes.MapMethods("/render", ["GET", "POST"], RenderAsync).WithMetadata(ApiAccess.GrantedForScrapers(ApiGrants.ClusterShowGraphs))
            .OnCheckPort().AddEndpointFilter(OnlyOn(apiPort))
            .WithSummary("Graphite render API on graphite-carbon-api-port (as carbonapi)");
        routes.MapMethods("/metrics/find", ["GET", "POST"], FindAsync).WithMetadata(ApiAccess.GrantedForScrapers(ApiGrants.ClusterShowGraphs))
            .OnCheckPort().AddEndpointFilter(OnlyOn(apiPort))
            .WithSummary("Graphite metrics/find on graphite-carbon-api-port (as carbonapi)");
        return routes;
    }

    /// <summary>Routes of graphite-carbon-api-port: elsewhere (the check port shares their plain HTTP) they do not exist.</summary>
    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> OnlyOn(int port) =>
        (invocation, next) => invocation.HttpContext.Connection.LocalPort == port
            ? next(invocation)
            : ValueTask.FromResult<object?>(TypedResults.NotFound());

    public static async Task<IResult> RenderAsync(HttpRequest request, MetricStore store, TimeProvider time)
    {
        var parameters = await ParametersAsync(request);
        var targets = parameters.GetValueOrDefault("target") ?? [];
        if (targets.Count is 0 or > MaxTargets)
            return ApiProblems.BadRequest($"give 1 to {MaxTargets} target parameters, e.g. target=mysql.*.mysql_slave_status_seconds_behind_master");
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        long from, until;
        try
        {
            from = GraphiteTime.Parse(First(parameters, "from"), now, now - 86400);
            until = GraphiteTime.Parse(First(parameters, "until"), now, now);
        }
        catch (FormatException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
        if (from >= until)
            return ApiProblems.BadRequest($"from ({from}) must be before until ({until})");
        var maxDataPoints = int.TryParse(First(parameters, "maxDataPoints"), NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : 0;
        var evaluator = new TargetEvaluator((pattern, preview) => store.Expand(pattern)
            .Select(name => store.Fetch(name, from - preview, until) is { } series
                ? new RenderSeries(name, series.From, series.Step, series.Values)
                : null)
            .OfType<RenderSeries>()
            .ToList());
        var results = new List<RenderSeries>();
        try
        {
            foreach (var target in targets)
                results.AddRange(evaluator.Evaluate(target).Select(series => series.Consolidate(maxDataPoints, until - from)));
        }
        catch (FormatException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
        return (First(parameters, "format") ?? "json") switch
        {
            "json" => TypedResults.Json(results.Select(series => new
            {
                target = series.Name,
                tags = new { name = series.Name },
                datapoints = series.Points.Select(point => new object?[] { point.Value, point.Timestamp }),
            })),
            "csv" => TypedResults.Text(Csv(results), "text/csv"),
            var other => ApiProblems.BadRequest($"format '{other}': this render API answers json or csv"),
        };
    }

    public static async Task<IResult> FindAsync(HttpRequest request, MetricStore store)
    {
        var parameters = await ParametersAsync(request);
        if (First(parameters, "query") is not { Length: > 0 } query)
            return ApiProblems.BadRequest("give query=, e.g. query=mysql.*");
        IReadOnlyList<MetricNode> nodes;
        try
        {
            nodes = store.Nodes(query);
        }
        catch (FormatException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
        return TypedResults.Json(nodes.Select(node => new
        {
            text = node.Name[(node.Name.LastIndexOf('.') + 1)..],
            id = node.Name,
            leaf = node.IsLeaf ? 1 : 0,
            expandable = node.IsLeaf ? 0 : 1,
            allowChildren = node.IsLeaf ? 0 : 1,
        }));
    }

    private static string Csv(List<RenderSeries> results)
    {
        var csv = new StringBuilder();
        foreach (var series in results)
        {
            foreach (var (value, timestamp) in series.Points)
                csv.Append(CultureInfo.InvariantCulture, $"{series.Name},{DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime:yyyy-MM-dd HH:mm:ss},{value?.ToString("R", CultureInfo.InvariantCulture)}\n");
        }
        return csv.ToString();
    }

    private static async Task<Dictionary<string, List<string>>> ParametersAsync(HttpRequest request)
    {
        var parameters = request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.OfType<string>().ToList(), StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            foreach (var (key, values) in await request.ReadFormAsync())
                parameters[key] = [.. parameters.GetValueOrDefault(key) ?? [], .. values.OfType<string>()];
        }
        return parameters;
    }

    private static string? First(Dictionary<string, List<string>> parameters, string name) =>
        parameters.GetValueOrDefault(name) is [var first, ..] ? first : null;
}
