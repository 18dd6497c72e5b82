using Microsoft.AspNetCore.Http.HttpResults;

namespace ReplicationManager.Server.Api;

/// <summary>The API's refusals as RFC 7807 problem details, each with a detail that says exactly what went wrong.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required");

    public static ProblemHttpResult MissingGrant(string user, string grant) =>
        TypedResults.Problem(
            $"user '{user}' lacks the grant '{grant}' (see api-credentials-acl-allow)",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Missing grant",
            extensions: new Dictionary<string, object?> { ["grant"] = grant });

    public static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem("unknown user or wrong password", statusCode: StatusCodes.Status401Unauthorized, title: "Login failed");

    public static ProblemHttpResult LockedOut(TimeSpan retryAfter) =>
        TypedResults.Problem(
            $"too many failed logins from this address: try again in {Math.Ceiling(retryAfter.TotalSeconds):0} s",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many failed logins");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static ProblemHttpResult BodyTooLarge(long limit) =>
        TypedResults.Problem(
            $"the request body is larger than {limit} bytes",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large");

    public static ProblemHttpResult ClusterNotFound(string cluster) =>
        TypedResults.Problem($"no cluster named '{cluster}' is monitored", statusCode: StatusCodes.Status404NotFound, title: "Cluster not found");

    public static ProblemHttpResult ServerNotFound(string cluster, string server) =>
        TypedResults.Problem($"cluster '{cluster}' has no server '{server}'", statusCode: StatusCodes.Status404NotFound, title: "Server not found");

    // 409, not 503: repman answers, the database does not; a 5xx would page whoever watches repman itself.
    public static ProblemHttpResult ServerUnreachable(string cluster, string server, string state) =>
        TypedResults.Problem(
            $"server '{server}' of cluster '{cluster}' is {state}: repman has no current data from it",
            statusCode: StatusCodes.Status409Conflict,
            title: "Server unreachable");

    public static ProblemHttpResult NotOnCheckPort(int apiPort) =>
        TypedResults.Problem(
            $"this plain HTTP port serves only the proxy checks; the API is on HTTPS port {apiPort}",
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found on the check port");

    public static ProblemHttpResult OutOfScope(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Outside the token's scope");

    /// <summary>A secret-login refused: one answer whatever the cause, so that a caller learns nothing (the log says why).</summary>
    public static ProblemHttpResult ScriptLoginRefused() =>
        TypedResults.Problem("secret-login refused", statusCode: StatusCodes.Status401Unauthorized, title: "Login failed");

    public static ProblemHttpResult ScriptLoginLockedOut(TimeSpan retryAfter) =>
        TypedResults.Problem(
            $"too many failed secret-logins: try again in {Math.Ceiling(retryAfter.TotalSeconds):0} s",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many failed logins");
}
