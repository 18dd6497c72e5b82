using System.Net.Http.Json;
using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Api;

namespace ReplicationManager.IntegrationTests.Jobs;

/// <summary>The API of a repman started by a test, logged in as the test's admin (its certificate is the self-signed one repman made).</summary>
internal sealed class RepmanApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _baseUrl;

    private RepmanApiClient(HttpClient http, string baseUrl)
    {
        _http = http;
        _baseUrl = baseUrl;
    }

    public static async Task<RepmanApiClient> LoginAsync(RepmanTestConfig config, CancellationToken cancellationToken)
    {
        var http = new HttpClient(await config.TrustingHandlerAsync(cancellationToken)) { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsJsonAsync($"{config.ApiUrl}/api/login", new { username = "admin", password = RepmanTestConfig.AdminPassword }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        http.DefaultRequestHeaders.Authorization = new("Bearer", json.RootElement.GetProperty("token").GetString());
        return new RepmanApiClient(http, config.ApiUrl);
    }

    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, _baseUrl + path);
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        using var json = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return ((int)response.StatusCode, json.RootElement.Clone());
    }

    /// <summary>
    /// Asks for a job on a server (an action of <c>servers/{id}/actions/</c>), retried until the engine takes it (it
    /// needs its first monitoring pass); the job's id.
    /// </summary>
    public async Task<long> StartJobAsync(string cluster, ServerAddress server, string action, CancellationToken ct)
    {
        long id = 0;
        var path = $"/api/clusters/{cluster}/servers/{ServerIdentity.IdOf(server)}/actions/{action}";
        await Eventually.WaitUntilAsync($"POST {path} is accepted", TimeSpan.FromSeconds(60), async () =>
        {
            var (status, body) = await SendAsync(HttpMethod.Post, path, ct);
            if (status == 202)
                id = body[0].GetProperty("id").GetInt64();
            return (status == 202, $"{status} {body}");
        }, ct);
        return id;
    }

    /// <summary>The server's job <paramref name="id"/> once it ended (success or error).</summary>
    public async Task<JsonElement> WaitForJobEndAsync(string cluster, ServerAddress server, long id, TimeSpan deadline, CancellationToken ct)
    {
        bool Ended(JsonElement job) => job.GetProperty("id").GetInt64() == id && ((JobState)job.GetProperty("state").GetInt32()).IsOver();
        return (await WaitForJobsAsync(cluster, server, $"job {id} ends", jobs => jobs.Any(Ended), deadline, ct)).First(Ended);
    }

    /// <summary>The server's job history (newest first) once <paramref name="done"/> holds for it; <paramref name="what"/> names the wait.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForJobsAsync(string cluster, ServerAddress server, string what, Func<IReadOnlyList<JsonElement>, bool> done, TimeSpan deadline,
        CancellationToken ct)
    {
        IReadOnlyList<JsonElement> jobs = [];
        await Eventually.WaitUntilAsync($"{what} on {server}", deadline, async () =>
        {
            var (status, body) = await SendAsync(HttpMethod.Get, $"/api/clusters/{cluster}/servers/{ServerIdentity.IdOf(server)}/jobs", ct);
            jobs = status == 200 ? body.EnumerateArray().ToList() : [];
            return (status == 200 && done(jobs), $"{status} {body}");
        }, ct);
        return jobs;
    }

    /// <summary>The server's job history now, newest first (empty when the API refuses).</summary>
    public async Task<IReadOnlyList<JsonElement>> JobsAsync(string cluster, ServerAddress server, CancellationToken ct)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/clusters/{cluster}/servers/{ServerIdentity.IdOf(server)}/jobs", ct);
        return status == 200 ? body.EnumerateArray().ToList() : [];
    }

    public void Dispose() => _http.Dispose();
}
