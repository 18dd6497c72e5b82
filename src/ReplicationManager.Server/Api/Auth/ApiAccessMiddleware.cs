using Microsoft.Net.Http.Headers;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Hosting;

namespace ReplicationManager.Server.Api.Auth;

/// <summary>
/// Runs after routing, before any handler or body binding: keeps API routes off the check port, then checks the
/// bearer token, the route's grant, and a scoped token's cluster and server against the route's. Refusals are
/// problem details that say what is missing.
/// </summary>
internal sealed class ApiAccessMiddleware(
    RequestDelegate next,
    ApiListenerPorts ports,
    ApiTokenService tokens,
    ApiUserDirectory users,
    PasswordCheck passwords,
    ILogger<ApiAccessMiddleware> logger)
{
    private const string BearerPrefix = "Bearer ";
    private const string BasicPrefix = "Basic ";

    public async Task InvokeAsync(HttpContext context)
    {
        // Routing's own answers (405, 415) are not route endpoints: they pass, and say what is wrong with the request.
        if (context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            await next(context);
            return;
        }
        if (ApiListenerPorts.IsCheckPort(context) && endpoint.Metadata.GetMetadata<CheckPortEndpoint>() is null)
        {
            await ApiProblems.NotOnCheckPort(ports.ApiPort).ExecuteAsync(context);
            return;
        }
        var access = endpoint.Metadata.GetMetadata<ApiAccess>() ?? ApiAccess.AnyUser;
        var header = context.Request.Headers.Authorization.ToString();
        // A job script of replication-manager's proves the server's password in its body; the handler checks it.
        if (!access.RequiresToken || (header.Length == 0 && access.AcceptsServerSecret) || (access.PublicOnCheckPort && ApiListenerPorts.IsCheckPort(context)))
        {
            await next(context);
            return;
        }
        if (access.AcceptsBasic && header.StartsWith(BasicPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await BasicAsync(context, header[BasicPrefix.Length..].Trim(), access);
            return;
        }
        if (header.Length == 0)
        {
            await Unauthorized(context, "missing bearer token: log in with POST /api/login and send 'Authorization: Bearer <token>'", tokenSent: false);
            return;
        }
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length == BearerPrefix.Length)
        {
            await Unauthorized(context, "the Authorization header is not 'Bearer <token>'", tokenSent: false);
            return;
        }
        var validation = await tokens.ValidateAsync(header[BearerPrefix.Length..].Trim());
        if (!validation.IsValid)
        {
            await Unauthorized(context, validation.Failure!, tokenSent: true);
            return;
        }
        var user = validation.Scope is not null && validation.UserName == ApiUserDirectory.ScriptAccount.Name
            ? ApiUserDirectory.ScriptAccount
            : users.Find(validation.UserName!);
        if (user is null)
        {
            await Unauthorized(context, $"the user '{validation.UserName}' is no longer in api-credentials", tokenSent: true);
            return;
        }
        if (validation.Scope is { } scope && OutOfScope(context, scope) is { } outside)
        {
            ApiLog.ScopeRefused(logger, scope.Cluster, scope.Server, context.Request.Path.Value ?? "");
            await ApiProblems.OutOfScope(outside).ExecuteAsync(context);
            return;
        }
        await GrantedAsync(context, user, access);
    }

    /// <summary>HTTP Basic for scrapers: the api-credentials user and password, the same lockout as /api/login, then the grant.</summary>
    private async Task BasicAsync(HttpContext context, string encoded, ApiAccess access)
    {
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        string decoded;
        try
        {
            decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            await BasicRefused(context, "the Basic credentials are not base64 of user:password");
            return;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var (user, lockedFor) = passwords.Check(client, colon > 0 ? decoded[..colon] : "", colon > 0 ? decoded[(colon + 1)..] : "");
        if (lockedFor is { } wait)
        {
            await BasicRefused(context, $"too many failed logins from {client}; try again in {Math.Ceiling(wait.TotalSeconds)} s");
            return;
        }
        if (user is null)
        {
            await BasicRefused(context, "wrong user or password (api-credentials)");
            return;
        }
        await GrantedAsync(context, user, access);
    }

    /// <summary>The last check of both ways in (token and Basic): the route's grant, then the request goes on as the user.</summary>
    private async Task GrantedAsync(HttpContext context, ApiUser user, ApiAccess access)
    {
        if (access.Grant is { } grant && !user.Holds(grant))
        {
            ApiLog.GrantRefused(logger, user.Name, grant, context.Request.Path.Value ?? "");
            await ApiProblems.MissingGrant(user.Name, grant).ExecuteAsync(context);
            return;
        }
        ApiCaller.Set(context, user);
        await next(context);
    }

    private Task BasicRefused(HttpContext context, string detail)
    {
        ApiLog.TokenRefused(logger, context.Request.Path.Value ?? "", detail);
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Basic realm=\"repman\"";
        return ApiProblems.Unauthorized(detail).ExecuteAsync(context);
    }

    /// <summary>Why a scoped token may not open this route, or null when it may: same cluster, same server.</summary>
    private static string? OutOfScope(HttpContext context, TokenScope scope)
    {
        var values = context.Request.RouteValues;
        if (values["cluster"] is not string cluster)
            return $"this token is for the job script of {scope.Server} in cluster '{scope.Cluster}'; it opens no other route";
        if (cluster != scope.Cluster)
            return $"this token is for cluster '{scope.Cluster}', not '{cluster}'";
        if (values["host"] is string host && values["port"] is string port && $"{host}:{port}" != scope.Server)
            return $"this token is for server {scope.Server}, not {host}:{port}";
        if (values["id"] is string id && ServerAddress.TryParse(scope.Server, out var server, out _) && id != ServerIdentity.IdOf(server))
            return $"this token is for server {scope.Server}, not server id {id}";
        return null;
    }

    private Task Unauthorized(HttpContext context, string detail, bool tokenSent)
    {
        ApiLog.TokenRefused(logger, context.Request.Path.Value ?? "", detail);
        // RFC 6750: a request without a token gets the bare challenge; a refused token is named invalid.
        context.Response.Headers[HeaderNames.WWWAuthenticate] = tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer";
        return ApiProblems.Unauthorized(detail).ExecuteAsync(context);
    }
}
