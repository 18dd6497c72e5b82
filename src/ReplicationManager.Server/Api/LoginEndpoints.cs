using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Api.Contracts;

namespace ReplicationManager.Server.Api;

/// <summary><c>POST /api/login</c>: a user name and password for a token, with a lockout after repeated failures.</summary>
internal static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/login", LoginAsync).Public()
            .WithMetadata(new JsonRequestBody(typeof(LoginRequest)))
            .WithSummary("Log in: returns a JWT for the Authorization header");
        return routes;
    }

    public static async Task<Results<Ok<LoginResponse>, ContentHttpResult, ProblemHttpResult>> LoginAsync(
        HttpContext context,
        PasswordCheck passwords,
        ApiTokenService tokens,
        LoginThrottle throttle,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(LoginEndpoints));
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.LockedFor(client) is { } wait)
            return LockedOut(context, wait);

        var (request, problem) = await JsonBody.ReadAsync<LoginRequest>(context.Request, JsonBody.DefaultLimit, cancellationToken);
        if (problem is not null)
            return problem;
        if (request!.Username is not { Length: > 0 } userName || request.Password is null)
            return ApiProblems.BadRequest("the body needs \"username\" and \"password\", for example {\"username\":\"admin\",\"password\":\"...\"}");

        var (user, lockedFor) = passwords.Check(client, userName, request.Password);
        if (lockedFor is { } locked)
            return LockedOut(context, locked);
        if (user is null)
            return ApiProblems.InvalidCredentials();
        ApiLog.LoginSucceeded(logger, user.Name, client);
        var token = tokens.Issue(user);
        // replication-manager answers a browser form (Accept: text/html) with the bare token.
        if (context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
            return TypedResults.Text(token.Value, "text/plain");
        return TypedResults.Ok(new LoginResponse(token.Value));
    }

    private static ProblemHttpResult LockedOut(HttpContext context, TimeSpan wait)
    {
        context.Response.Headers[HeaderNames.RetryAfter] = Math.Ceiling(wait.TotalSeconds).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        return ApiProblems.LockedOut(wait);
    }
}
