using Microsoft.AspNetCore.Http.HttpResults;

namespace ReplicationManager.Server.Api;

/// <summary>The refusals of the job and schedule routes, as problem details.</summary>
internal static class JobProblems
{
    public static ProblemHttpResult NothingStarted(string reason) =>
        TypedResults.Problem($"no job was started: {reason}", statusCode: StatusCodes.Status409Conflict, title: "Job not started");

    public static ProblemHttpResult NotRunning(string task, string server) =>
        TypedResults.Problem($"no {task} job is in flight on {server}", statusCode: StatusCodes.Status404NotFound, title: "No such job");

    public static ProblemHttpResult NotReady(string cluster) =>
        TypedResults.Problem(
            $"the job engine of cluster '{cluster}' is still starting (ending the jobs of the previous run); try again shortly",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Jobs not ready");

    public static ProblemHttpResult BadSetting(string message, bool unknown) =>
        TypedResults.Problem(message, statusCode: unknown ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest,
            title: unknown ? "Unknown setting" : "Bad setting value");

    public static ProblemHttpResult NothingSwitched(string reason) =>
        TypedResults.Problem($"scheduler-jobs-mode not switched: {reason}", statusCode: StatusCodes.Status409Conflict, title: "Jobs mode not switched");
}
