using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReplicationManager.Core.Jobs.Protocol;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.JobScript;

/// <summary>A job script's side of the protocol against the test host: sealed bodies, secret-login, the routes.</summary>
internal sealed class ScriptClient(ApiTestHost host, ServerAddress server, string password = ApiTestHost.DbPassword, string cluster = LabSnapshots.Cluster)
{
    public string? Token { get; set; }

    public string Base => $"/api/clusters/{cluster}/servers/{server.Host}/{server.Port}";

    public string Seal(string plaintext) => ScriptEnvelope.Seal(plaintext, password);

    public string OurLogin(DateTimeOffset? at = null, string? nonce = null) => Seal(
        $$"""{"server":"{{server}}","ts":{{(at ?? host.Time.GetUtcNow()).ToUnixTimeSeconds()}},"nonce":"{{nonce ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}}"}""");

    public async Task<HttpResponseMessage> LoginAsync(string body, IPAddress? from = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Base + "/secret-login") { Content = Json(body) };
        return await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Logs in with repman's replay-protected form and keeps the token.</summary>
    public async Task<ScriptClient> LoggedInAsync()
    {
        using var response = await LoginAsync(OurLogin());
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var json = JsonDocument.Parse(text);
        Token = json.RootElement.GetProperty("token").GetString();
        return this;
    }

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? body = null, bool withToken = true)
    {
        using var request = new HttpRequestMessage(method, path.StartsWith("/api/", StringComparison.Ordinal) ? path : Base + path);
        if (withToken && Token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is not null)
            request.Content = Json(body);
        var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response);
    }

    public Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAsync(string path, string? body = null, bool withToken = true) =>
        SendAsync(HttpMethod.Post, path, body, withToken);

    /// <summary>A write-log body as the scripts build it: lines joined by \n, in the envelope.</summary>
    public string LogBody(IEnumerable<string> lines, string? level = "INFO", string? serverName = null)
    {
        var log = JsonSerializer.Serialize(string.Join("\n", lines));
        var levelPart = level is null ? "" : $",\"level\":\"{level}\"";
        return Seal($"{{\"server\":\"{serverName ?? server.ToString()}\",\"log\":{log}{levelPart}}}");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
