using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Protocol;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Api.Contracts;

namespace ReplicationManager.Server.Api.JobScript;

/// <summary>
/// Where the job scripts' calls are received: it finds the cluster and server of a call and authenticates it, by the
/// token of a secret-login (checked by the access middleware) or, for replication-manager's scripts, by a body
/// encrypted with the server's password (DECISIONS 15); and it runs secret-login itself, rate-limited, with one
/// refusal for every cause.
/// </summary>
internal sealed class JobScriptDesk(
    IClusterRegistry registry,
    JobsRegistry jobs,
    ScriptLoginGuard guard,
    ApiTokenService tokens,
    TimeProvider time,
    ILogger<JobScriptDesk> logger)
{
    private readonly ConcurrentDictionary<string, byte> _noticed = new(StringComparer.Ordinal);

    /// <summary>A call on a server's route; <paramref name="envelopeRequired"/> for a route whose body is always encrypted.</summary>
    public async Task<(ScriptCall? Call, IResult? Problem)> CallAsync(HttpContext context, string cluster, string host, string port, bool envelopeRequired, CancellationToken cancellationToken)
    {
        var (clusterJobs, server, notFound) = Locate(cluster, host, port);
        if (notFound is not null)
            return (null, notFound);
        return await AuthenticateAsync(context, clusterJobs!, server!, envelopeRequired, cancellationToken);
    }

    /// <summary>A call on a cluster's route (jobs-log-level): without a token, the body names the server.</summary>
    public async Task<(ClusterJobs? Jobs, IResult? Problem)> ClusterCallAsync(HttpContext context, string cluster, CancellationToken cancellationToken)
    {
        if (registry.GetSnapshot(cluster) is null)
            return (null, ApiProblems.ClusterNotFound(cluster));
        if (jobs.Get(cluster) is not { } clusterJobs)
            return (null, JobProblems.NotReady(cluster));
        var (body, problem) = await ScriptRequestBody.ReadAsync(context.Request, cancellationToken);
        if (problem is not null)
            return (null, problem);
        if (ApiCaller.Get(context) is not null)
            return (clusterJobs, null);
        var plaintext = ScriptEnvelope.Open(body!, clusterJobs.Options.Monitoring.Credential.Password, out var failure);
        using var json = plaintext is null ? null : LenientJson.ReadObject(plaintext);
        if (json is null || ScriptBody.Server(json.RootElement) is not { } named || !ServerAddress.TryParse(named, out var address, out _)
            || registry.FindServer(cluster, address.Host, address.Port) is not { } server)
            return (null, Unproven(context, failure ?? "the body names no server of this cluster"));
        var (call, refused) = await AuthenticateAsync(context, clusterJobs, server, envelopeRequired: true, cancellationToken, body);
        return (call?.Jobs, refused);
    }

    /// <summary>
    /// POST secret-login: the envelope of the server's password (in one of the accepted forms) for a token of the
    /// system account, scoped to that cluster and server. Every refusal answers the same 401; failures are limited.
    /// </summary>
    public async Task<IResult> LoginAsync(HttpContext context, string cluster, string host, string port, CancellationToken cancellationToken)
    {
        var client = Client(context);
        var target = $"{cluster}/{host}:{port}";
        if (guard.LockedFor(client, target) is { } wait)
            return LockedOut(context, wait);
        var (body, problem) = await ScriptRequestBody.ReadAsync(context.Request, cancellationToken);
        if (problem is not null)
            return problem;
        // A known cluster whose job engine is still starting is not a failed login: the script is told to retry.
        if (registry.GetSnapshot(cluster) is not null && jobs.Get(cluster) is null)
            return JobProblems.NotReady(cluster);
        var (clusterJobs, server, notFound) = Locate(cluster, host, port);
        if (notFound is not null)
            return RefuseLogin(client, target, cluster, $"{host}:{port}", "no such cluster or server");
        var password = clusterJobs!.Options.Monitoring.Credential.Password;
        var plaintext = ScriptEnvelope.Open(body!, password, out var failure);
        if (plaintext is null)
            return RefuseLogin(client, target, cluster, server!.Address.ToString(), failure!);
        var verdict = ScriptLogin.Verify(plaintext, password, server!.Address.ToString(), time.GetUtcNow(), guard.Nonces);
        if (!verdict.Accepted)
            return RefuseLogin(client, target, cluster, server.Address.ToString(), verdict.RefusedBecause!);
        guard.Succeeded(client, target);
        if (verdict.Form != ScriptLoginForm.ReplayProtected)
            NoticeOnce(cluster, server.Address, "logs in");
        if (_noticed.TryAdd("account " + cluster, 0))
            ApiLog.ScriptAccountCreated(logger, ApiUserDirectory.ScriptAccount.Name, cluster);
        ApiLog.ScriptLoggedIn(logger, server.Address.ToString(), cluster, client, verdict.Form.ToString());
        return TypedResults.Ok(new LoginResponse(tokens.IssueForScript(cluster, server.Address).Value));
    }

    private (ClusterJobs? Jobs, ServerSnapshot? Server, IResult? Problem) Locate(string cluster, string host, string port)
    {
        if (registry.GetSnapshot(cluster) is null)
            return (null, null, ApiProblems.ClusterNotFound(cluster));
        if (jobs.Get(cluster) is not { } clusterJobs)
            return (null, null, JobProblems.NotReady(cluster));
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || registry.FindServer(cluster, host, number) is not { } server)
            return (clusterJobs, null, ApiProblems.ServerNotFound(cluster, $"{host}:{port}"));
        return (clusterJobs, server, null);
    }

    private async Task<(ScriptCall? Call, IResult? Problem)> AuthenticateAsync(HttpContext context, ClusterJobs clusterJobs, ServerSnapshot server, bool envelopeRequired,
        CancellationToken cancellationToken, byte[]? read = null)
    {
        var body = read;
        if (body is null)
        {
            (body, var problem) = await ScriptRequestBody.ReadAsync(context.Request, cancellationToken);
            if (problem is not null)
                return (null, problem);
        }
        var password = clusterJobs.Options.Monitoring.Credential.Password;
        var address = server.Address;
        var byToken = ApiCaller.Get(context) is not null;
        // With a token, a plain body (or none) is the call's text: the result of job-state, for example.
        if (byToken && (body!.Length == 0 || !ScriptEnvelope.LooksLikeEnvelope(body)))
            return envelopeRequired
                ? (null, ApiProblems.BadRequest("the body must be the envelope {\"data\":\"<base64>\"} encrypted with the server's password"))
                : (new ScriptCall(clusterJobs, address, null, body.Length == 0 ? null : ScriptRequestBody.Text(body), false), null);
        // Without a token, only an envelope is an attempt at the password: it counts against the caller if it fails.
        if (!byToken && !ScriptEnvelope.LooksLikeEnvelope(body))
            return (null, Unproven(context, "no token and no encrypted body"));
        var client = Client(context);
        var target = $"{clusterJobs.Name}/{address}";
        if (!byToken && guard.LockedFor(client, target) is { } wait)
            return (null, LockedOut(context, wait));
        var plaintext = ScriptEnvelope.Open(body!, password, out var failure);
        using var json = plaintext is null ? null : LenientJson.ReadObject(plaintext);
        var refusal = plaintext is null ? failure
            : json is null ? "the decrypted body is not a JSON object"
            : ScriptBody.Server(json.RootElement) != address.ToString() ? $"the body names server '{ScriptBody.Server(json.RootElement)}', not {address}"
            : ScriptBody.Secret(json.RootElement) is { } secret && secret != password ? "the body's secret is not the server's password"
            : null;
        if (refusal is not null)
        {
            if (byToken)
                return (null, ApiProblems.BadRequest($"the encrypted body is refused: {refusal}"));
            guard.Failed(client, target);
            return (null, Unproven(context, refusal));
        }
        if (!byToken)
            NoticeOnce(clusterJobs.Name, address, "calls");
        return (new ScriptCall(clusterJobs, address, json!.RootElement.Clone(), null, !byToken), null);
    }

    private ProblemHttpResult Unproven(HttpContext context, string reason)
    {
        ApiLog.ScriptCallRefused(logger, context.Request.Path.Value ?? "", reason);
        return ApiProblems.Unauthorized(
            "send 'Authorization: Bearer <token>' from POST .../secret-login, or a body encrypted with the server's password that names the server");
    }

    private ProblemHttpResult RefuseLogin(string client, string target, string cluster, string server, string reason)
    {
        ApiLog.ScriptLoginRefused(logger, server, cluster, client, reason);
        if (guard.Failed(client, target) is { } lockout)
            ApiLog.ScriptLoginLockedOut(logger, client, target, lockout);
        return ApiProblems.ScriptLoginRefused();
    }

    private void NoticeOnce(string cluster, ServerAddress server, string what)
    {
        if (_noticed.TryAdd($"{what} {cluster} {server}", 0))
            ApiLog.NoReplayProtection(logger, server.ToString(), cluster, what);
    }

    private static ProblemHttpResult LockedOut(HttpContext context, TimeSpan wait)
    {
        context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString("0", CultureInfo.InvariantCulture);
        return ApiProblems.ScriptLoginLockedOut(wait);
    }

    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
