using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Server.Hosting;

/// <summary>
/// The web dashboard: static files built by npm (never committed), served on the API port beside <c>/api</c>, not
/// on the check port. The page holds no data: everything it shows comes through the API with the user's token.
/// </summary>
internal static class DashboardFiles
{
    public const string ShippedFolder = "dashboard";

    // The page loads only its own files and talks only to this origin; hashed assets never change, index.html always may.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static string RootOf(ApiOptions api) =>
        api.DashboardRoot is { Length: > 0 } root ? root : Path.Combine(AppContext.BaseDirectory, ShippedFolder);

    public static bool IsPresent(ApiOptions api) => File.Exists(Path.Combine(RootOf(api), "index.html"));

    public static WebApplication UseDashboard(this WebApplication app, ApiOptions api)
    {
        if (!IsPresent(api))
            return app;
        var files = new PhysicalFileProvider(Path.GetFullPath(RootOf(api)));
        app.UseWhen(IsDashboardRequest, branch =>
        {
            branch.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            branch.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = AddHeaders });
        });
        return app;
    }

    private static bool IsDashboardRequest(HttpContext context) =>
        !ApiListenerPorts.IsCheckPort(context) && !context.Request.Path.StartsWithSegments("/api");

    private static void AddHeaders(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers[HeaderNames.CacheControl] = context.Context.Request.Path.StartsWithSegments("/assets")
            ? "public, max-age=31536000, immutable"
            : "no-cache";
    }
}
