using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Protocol;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Api.Contracts;
using static ReplicationManager.Server.Api.ClusterJobsLookup;

namespace ReplicationManager.Server.Api.JobScript;

/// <summary>
/// The job protocol (spec 6.1.7-6.1.8, job-protocol.md): the routes a job script on a database host calls, under
/// <c>/api/clusters/{cluster}/servers/{host}/{port}/</c>, and <c>/api/clusters/{cluster}/jobs-log-level/...</c>.
/// They answer plain words (<c>true</c>, <c>RECEIVER_PORT=4001</c>, <c>ok</c>) as replication-manager does, and
/// problems for refusals.
/// </summary>
internal static class JobScriptEndpoints
{
    private const int MaxLinesPerBatch = 10_000;

    private static readonly Dictionary<string, JobState> States = new(StringComparer.Ordinal)
    {
        ["processing"] = JobState.Processing,
        ["waiting"] = JobState.Halted,
        ["done"] = JobState.Finished,
        ["error"] = JobState.Error,
    };

    public static IEndpointRouteBuilder MapJobScriptEndpoints(this IEndpointRouteBuilder routes)
    {
        var server = routes.MapGroup("/api/clusters/{cluster}/servers/{host}/{port}");
        server.MapPost("/secret-login", SecretLoginAsync).Public().WithMetadata(new JsonRequestBody(typeof(ScriptEnvelopeJson)))
            .WithSummary("Job script login: the server's password, encrypted, for a token scoped to this server");
        server.MapMethods("/needs/{task}", ActionMethods, NeedsAsync).ForJobScript()
            .WithSummary("true when the task waits for the job script on this server (API mode: takes it)");
        server.MapPost("/write-log/{task}", WriteLogAsync).ForJobScript().WithMetadata(new JsonRequestBody(typeof(ScriptEnvelopeJson)))
            .WithSummary("Encrypted log lines of the task's job");
        server.MapMethods("/actions/receive-task/{task}", ActionMethods, ReceiveTaskAsync).ForJobScript()
            .WithSummary("RECEIVER_PORT=<port> of the receiver for the task's stream, or NO_RECEIVER_NEEDED");
        server.MapMethods("/actions/job-state/{task}/{state}", ActionMethods, JobStateAsync).ForJobScript()
            .WithSummary("The job's state: processing, waiting, done or error (body: the result)");
        server.MapMethods("/actions/receive-jobs-check", ActionMethods, ReceiveJobsCheckAsync).ForJobScript()
            .WithSummary("RECEIVER_PORT=<port> where the job script sends itself, to be compared with repman's");
        server.MapMethods("/actions/send-jobs-upgrade", ActionMethods, SendJobsUpgradeAsync).ForJobScript()
            .WithSummary("repman's job script (header X-Script-Sha256)");
        routes.MapMethods("/api/clusters/{cluster}/jobs-log-level/{task}/{level}", ActionMethods, JobsLogLevelAsync).ForJobScript()
            .WithSummary("true when the job script should push log lines of this level");
        routes.MapGet("/api/clusters/{cluster}/servers/{id}/job-script", GetScriptCheck).RequireGrant(ApiGrants.ClusterProcess)
            .WithSummary("The latest comparison of the host's job script with repman's (repman)");
        return routes;
    }

    public static Task<IResult> SecretLoginAsync(string cluster, string host, string port, HttpContext context, JobScriptDesk desk, CancellationToken cancellationToken) =>
        desk.LoginAsync(context, cluster, host, port, cancellationToken);

    public static async Task<IResult> NeedsAsync(string cluster, string host, string port, string task, HttpContext context, JobScriptDesk desk, CancellationToken cancellationToken)
    {
        if (UnknownTask(task) is { } bad)
            return bad;
        var (call, problem) = await desk.CallAsync(context, cluster, host, port, envelopeRequired: false, cancellationToken);
        if (problem is not null)
            return problem;
        return Word(await call!.Jobs.Engine.Script.NeedsAsync(call.Server, task, cancellationToken) ? "true" : "false");
    }

    public static async Task<IResult> WriteLogAsync(string cluster, string host, string port, string task, HttpContext context, JobScriptDesk desk, CancellationToken cancellationToken)
    {
        if (UnknownTask(task) is { } bad)
            return bad;
        var (call, problem) = await desk.CallAsync(context, cluster, host, port, envelopeRequired: true, cancellationToken);
        if (problem is not null)
            return problem;
        if (ScriptBody.LogBatch(call!.Body!.Value, MaxLinesPerBatch, out var failure) is not { } batch)
            return ApiProblems.BadRequest(failure!);
        if (await call.Jobs.Engine.Script.LogAsync(call.Server, task, batch, cancellationToken) is { } refused)
            return Refused(refused);
        return TypedResults.Ok(WriteLogAnswer.Logged);
    }

    public static async Task<IResult> ReceiveTaskAsync(string cluster, string host, string port, string task, HttpContext context, JobScriptDesk desk, CancellationToken cancellationToken)
    {
        if (UnknownTask(task) is { } bad)
            return bad;
        var (call, problem) = await desk.CallAsync(context, cluster, host, port, envelopeRequired: false, cancellationToken);
        if (problem is not null)
            return problem;
        // repman's script asks for a stream token (?stream-token=1); replication-manager's scripts do not know it.
        var streamToken = context.Request.Query["stream-token"] is { Count: > 0 } wanted && wanted[0] is "1" or "true";
        var answer = await call!.Jobs.Engine.Script.ReceiveAsync(call.Server, task, streamToken, cancellationToken);
        return answer.RefusedBecause is { } refused ? Refused(refused) : Word(answer.Text);
    }

    public static async Task<IResult> JobStateAsync(string cluster, string host, string port, string task, string state, HttpContext context, JobScriptDesk desk, CancellationToken cancellationToken)
    {
        if (UnknownTask(task) is { } bad)
            return bad;
        if (!States.TryGetValue(state, out var reported))
            return ApiProblems.BadRequest($"'{state}' is not a job state; states are: {string.Join(", ", States.Keys)}");
        var (call, problem) = await desk.CallAsync(context, cluster, host, port, envelopeRequired: false, cancellationToken);
        if (problem is not null)
            return problem;
        // A token caller's plain body is the result text, or, from a reseed's done, the JSON object with its restore position.
        using var sent = call!.Body is null && call.Text is { } text ? LenientJson.ReadObject(System.Text.Encoding.UTF8.GetBytes(text)) : null;
        var body = call.Body ?? sent?.RootElement;
        var result = body is { } json ? ScriptBody.Result(json) : call.Text;
        var restore = body is { } position ? ScriptBody.Restore(position) : null;
        if (await call.Jobs.Engine.Script.ReportAsync(call.Server, task, reported, result, restore, cancellationToken) is { } refused)
            return Refused(refused);
        return Word("ok");
    }

    public static async Task<IResult> JobsLogLevelAsync(string cluster, string task, string level, HttpContext context, JobScriptDesk desk, RepmanOptions options, CancellationToken cancellationToken)
    {
        if (UnknownTask(task) is { } bad)
            return bad;
        if (ScriptLogReading.NormalizeLevel(level) is not { } normalized)
            return ApiProblems.BadRequest($"'{level}' is not a log level; levels are: {string.Join(", ", ScriptLogReading.Levels)}");
        var (_, problem) = await desk.ClusterCallAsync(context, cluster, cancellationToken);
        if (problem is not null)
            return problem;
        return Word(options.Global.Logging.TakesJobLog(ScriptLogReading.Severity(normalized)) ? "true" : "false");
    }

    public static async Task<IResult> ReceiveJobsCheckAsync(string cluster, string host, string port, HttpContext context, JobScriptDesk desk, CancellationToken cancellationToken)
    {
        var (call, problem) = await desk.CallAsync(context, cluster, host, port, envelopeRequired: false, cancellationToken);
        if (problem is not null)
            return problem;
        var answer = await call!.Jobs.Scripts.OpenAsync(call.Server, cancellationToken);
        return answer.RefusedBecause is { } refused ? Refused(refused) : Word(answer.Text);
    }

    /// <summary>
    /// repman's script for the host: in the body for repman's script and curl; replication-manager's newer script,
    /// which proves the password in its body, instead listens on its SST port for the script to be pushed to it.
    /// </summary>
    public static async Task<IResult> SendJobsUpgradeAsync(string cluster, string host, string port, HttpContext context, JobScriptDesk desk, CancellationToken cancellationToken)
    {
        var (call, problem) = await desk.CallAsync(context, cluster, host, port, envelopeRequired: false, cancellationToken);
        if (problem is not null)
            return problem;
        var (content, sha256, failure) = await call!.Jobs.Scripts.Script.ReadAsync(cancellationToken);
        if (content is null)
            return TypedResults.Problem(failure, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Job script unavailable");
        if (call.ByServerSecret)
            return await PushAsync(call, content, cancellationToken);
        context.Response.Headers["X-Script-Sha256"] = sha256;
        return TypedResults.File(content, "text/x-shellscript", "dbjobs_new");
    }

    public static IResult GetScriptCheck(string cluster, string id, Core.Monitoring.IClusterRegistry registry, JobsRegistry jobs)
    {
        if (Resolve(cluster, registry, jobs, out var clusterJobs) is { } problem)
            return problem;
        if (registry.FindServerById(cluster, id) is not { } server)
            return ApiProblems.ServerNotFound(cluster, id);
        return clusterJobs!.Scripts.Of(server.Address) is { } check
            ? TypedResults.Ok(check)
            : TypedResults.Problem($"the job script of {server.Address} was never checked (receive-jobs-check)", statusCode: StatusCodes.Status404NotFound, title: "Not checked");
    }

    /// <summary>Pushes the script to the host's SST port (scheduler-db-servers-receiver-ports), where the script waits for it.</summary>
    private static async Task<IResult> PushAsync(ScriptCall call, byte[] content, CancellationToken cancellationToken)
    {
        var target = new ServerAddress(call.Server.Host, SstPort.Of(call.Jobs.Options, call.Server));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(target.Host, target.Port, deadline.Token);
                await client.GetStream().WriteAsync(content, deadline.Token);
                return Word("ok");
            }
            catch (SocketException) when (!deadline.IsCancellationRequested)
            {
                // The script starts listening right after its call: try again shortly.
                await Task.Delay(200, deadline.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return Refused($"the job script of {call.Server} does not listen on {target} for the upgrade: {ex.Message}");
            }
        }
    }

    private static ProblemHttpResult? UnknownTask(string task) => JobTasks.Remote.Contains(task)
        ? null
        : ApiProblems.BadRequest($"'{task}' is not a task of the job script; tasks are: {string.Join(", ", JobTasks.Remote.Order(StringComparer.Ordinal))}");

    private static ContentHttpResult Word(string word) => TypedResults.Text(word, "text/plain");

    private static ProblemHttpResult Refused(string reason) =>
        TypedResults.Problem(reason, statusCode: StatusCodes.Status409Conflict, title: "Job script call refused");
}
