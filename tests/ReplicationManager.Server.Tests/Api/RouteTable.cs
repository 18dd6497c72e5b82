using Microsoft.AspNetCore.Routing;
using ReplicationManager.Server.Api;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

/// <summary>Every route repman maps, read from the real composition: tests over it cover new routes by themselves.</summary>
internal static class RouteTable
{
    private static readonly Lazy<IReadOnlyList<Route>> Loaded = new(Load);

    public static IReadOnlyList<Route> Routes => Loaded.Value;

    private static List<Route> Load()
    {
        var (app, datadir) = ApiTestHost.CreateApp(ApiTestHost.DefaultConfig, null, new ManualTimeProvider(), new FakeClusterRegistry());
        try
        {
            return ((IEndpointRouteBuilder)app).DataSources
                .SelectMany(source => source.Endpoints)
                .OfType<RouteEndpoint>()
                .Select(endpoint => new Route(
                    "/" + endpoint.RoutePattern.RawText!.TrimStart('/'),
                    endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList() ?? [],
                    endpoint.Metadata.GetMetadata<ApiAccess>() ?? ApiAccess.AnyUser,
                    endpoint.Metadata.GetMetadata<JsonRequestBody>() is not null))
                .ToList();
        }
        finally
        {
            ((IDisposable)app).Dispose();
            Directory.Delete(datadir, recursive: true);
        }
    }

    internal sealed record Route(string Pattern, IReadOnlyList<string> Methods, ApiAccess Access, bool DeclaresBody)
    {
        /// <summary>A proxy check: public, and its 503 is an answer, not an error.</summary>
        public bool IsCheck => !Access.RequiresToken && Pattern.Contains("/servers/", StringComparison.Ordinal);

        /// <summary>The route reads a JSON body; actions that take none ignore any body sent.</summary>
        public bool TakesBody => DeclaresBody;
    }
}
