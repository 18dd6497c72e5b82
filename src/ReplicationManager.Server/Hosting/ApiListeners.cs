using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using ReplicationManager.Core.Options;
using ReplicationManager.Server.Api;
using ReplicationManager.Server.Api.Auth;

namespace ReplicationManager.Server.Hosting;

/// <summary>
/// Kestrel's listeners for the API: HTTPS on <c>api-bind</c>:<c>api-port</c> (only when api-credentials defines a user)
/// and plain HTTP on <c>http-bind-address</c>:<c>http-port</c> for proxy checks.
/// </summary>
internal sealed class ApiListeners(
    RepmanOptions options,
    ApiUserDirectory users,
    TimeProvider timeProvider,
    ILogger<ApiListeners> logger) : IConfigureOptions<KestrelServerOptions>
{
    /// <summary>No API body is larger; bigger requests are refused before they are read.</summary>
    public const long MaxRequestBodySize = 1024 * 1024;

    public void Configure(KestrelServerOptions kestrel)
    {
        var api = options.Global.Api;
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = MaxRequestBodySize;
        if (ServesApi(api, users))
        {
            var certificate = ApiCertificate.Load(api, options.Global.Datadir, timeProvider, logger);
            Listen(kestrel, api.ApiBind, api.ApiPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            });
        }
        if (api.HttpEnabled)
            Listen(kestrel, api.HttpBind, api.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
        // The embedded store's render API where carbonapi listens (replication-manager's 10002), plain HTTP on
        // graphite-carbon-host (loopback by default); its routes still want credentials.
        if (options.Global.Graphite.Embedded)
            Listen(kestrel, options.Global.Graphite.CarbonHost, options.Global.Graphite.CarbonApiPort, listen => listen.Protocols = HttpProtocols.Http1);
        // With neither port, Kestrel would fall back to localhost:5000; a loopback port of the system's choosing
        // keeps the host running without opening a port anyone relies on or could reach from outside.
        if (!ServesApi(api, users) && !api.HttpEnabled)
            kestrel.Listen(IPAddress.Loopback, 0);
    }

    /// <summary>The API starts only when enabled and some user can log in: repman has no default password.</summary>
    public static bool ServesApi(ApiOptions api, ApiUserDirectory users) => api.ApiEnabled && users.HasUsers;

    /// <summary>An address to show operators for a bind address (a wildcard becomes localhost).</summary>
    public static string DisplayHost(string bind) => bind switch
    {
        "" or "0.0.0.0" or "::" or "[::]" or "*" => "localhost",
        _ when IPAddress.TryParse(bind, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 => $"[{bind}]",
        _ => bind,
    };

    private static void Listen(KestrelServerOptions kestrel, string bind, int port, Action<ListenOptions> configure)
    {
        switch (bind)
        {
            case "" or "0.0.0.0" or "::" or "[::]" or "*":
                kestrel.ListenAnyIP(port, configure);
                break;
            case "localhost":
                kestrel.ListenLocalhost(port, configure);
                break;
            default:
                var addresses = IPAddress.TryParse(bind.Trim('[', ']'), out var ip) ? [ip] : Dns.GetHostAddresses(bind);
                foreach (var address in addresses)
                    kestrel.Listen(address, port, configure);
                break;
        }
    }
}
