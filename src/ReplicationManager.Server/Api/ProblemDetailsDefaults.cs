using Microsoft.AspNetCore.Http.Features;

namespace ReplicationManager.Server.Api;

/// <summary>
/// Gives the problems ASP.NET writes by itself (no route, wrong method, unreadable request, failure) a detail that
/// names the request, as the API's own problems do.
/// </summary>
internal static class ProblemDetailsDefaults
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null)
            return;
        var request = context.HttpContext.Request;
        var target = $"{request.Method} {request.Path}";
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"no route matches {target}",
            StatusCodes.Status405MethodNotAllowed => $"{target}: the method {request.Method} is not allowed on this route",
            StatusCodes.Status415UnsupportedMediaType => $"{target}: the content type '{request.ContentType}' is not accepted",
            StatusCodes.Status413PayloadTooLarge => $"{target}: the request body is too large",
            StatusCodes.Status400BadRequest => $"{target}: the request is malformed",
            >= 500 => $"{target} failed inside repman; its log has the cause (trace {context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.TraceId.ToString() ?? context.HttpContext.TraceIdentifier})",
            _ => problem.Title,
        };
    }
}
