using Microsoft.Net.Http.Headers;
using ReplicationManager.Server.Hosting;

namespace ReplicationManager.Server.Api.Auth;

/// <summary>
/// Runs after routing, before any handler or body binding: keeps API routes off the check port, then checks the
/// bearer token and the route's grant. Refusals are problem details that say what is missing.
/// </summary>
internal sealed class ApiAccessMiddleware(
    RequestDelegate next,
    ApiListenerPorts ports,
    ApiTokenService tokens,
    ApiUserDirectory users,
    ILogger<ApiAccessMiddleware> logger)
{
    private const string BearerPrefix = "Bearer ";

    public Task InvokeAsync(HttpContext context)
    {
        // Routing's own answers (405, 415) are not route endpoints: they pass, and say what is wrong with the request.
        if (context.GetEndpoint() is not RouteEndpoint endpoint)
            return next(context);
        if (ApiListenerPorts.IsCheckPort(context) && endpoint.Metadata.GetMetadata<CheckPortEndpoint>() is null)
            return ApiProblems.NotOnCheckPort(ports.ApiPort).ExecuteAsync(context);
        var access = endpoint.Metadata.GetMetadata<ApiAccess>() ?? ApiAccess.AnyUser;
        if (!access.RequiresToken)
            return next(context);

        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
            return Unauthorized(context, "missing bearer token: log in with POST /api/login and send 'Authorization: Bearer <token>'", tokenSent: false);
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length == BearerPrefix.Length)
            return Unauthorized(context, "the Authorization header is not 'Bearer <token>'", tokenSent: false);
        var validation = tokens.Validate(header[BearerPrefix.Length..].Trim());
        if (!validation.IsValid)
            return Unauthorized(context, validation.Failure!, tokenSent: true);
        var user = users.Find(validation.UserName!);
        if (user is null)
            return Unauthorized(context, $"the user '{validation.UserName}' is no longer in api-credentials", tokenSent: true);
        if (access.Grant is { } grant && !user.Holds(grant))
        {
            ApiLog.GrantRefused(logger, user.Name, grant, context.Request.Path.Value ?? "");
            return ApiProblems.MissingGrant(user.Name, grant).ExecuteAsync(context);
        }
        ApiCaller.Set(context, user);
        return next(context);
    }

    private Task Unauthorized(HttpContext context, string detail, bool tokenSent)
    {
        ApiLog.TokenRefused(logger, context.Request.Path.Value ?? "", detail);
        // RFC 6750: a request without a token gets the bare challenge; a refused token is named invalid.
        context.Response.Headers[HeaderNames.WWWAuthenticate] = tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer";
        return ApiProblems.Unauthorized(detail).ExecuteAsync(context);
    }
}
