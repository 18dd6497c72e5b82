using System.Net;
using System.Security.Cryptography;
using System.Text;
using ReplicationManager.Core.Jobs.Protocol;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.JobProtocol;

/// <summary>
/// 10,000 generated bad requests against the job protocol's routes of the real executable: random bytes, truncated
/// base64, wrong keys, another cluster's password, replayed logins, huge bodies, path traversal in {task}, unknown
/// clusters and servers, foreign tokens. Not one 5xx, the process alive, and no file written outside the servers' folders.
/// </summary>
public sealed class HostileScriptRequestTests
{
    private const int Requests = 10_000;

    [Fact(Timeout = 600_000)]
    public async Task TenThousandBadRequestsGetNo5xxAndWriteNothingOutsideTheServersFolders()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var hosts = string.Join(",", lab.Hosts.Select(host => $"{host.Address}:{host.Port}"));
        using var config = new RepmanTestConfig($"""
            [hostile]
            db-servers-hosts = "{hosts}"
            db-servers-credential = "{lab.RepmanUser}:{lab.RepmanPassword}"
            monitoring-address = "127.0.0.1"
            scheduler-jobs-mode = "api"

            [other]
            db-servers-hosts = "127.0.0.250:3306"
            db-servers-credential = "repman:another-clusters-password"
            scheduler-jobs-mode = "api"
            """);
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var http = Insecure();
        var before = Files(config.Root);
        var generator = new HostileRequests(config.ApiUrl, lab.Hosts[1].Address, lab.RepmanPassword, await ForeignTokenAsync(http, config, ct));
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var byKind = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var (kind, request) = generator.Make(i);
            using (request)
            using (var response = await http.SendAsync(request, token))
            {
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
                Assert.True((int)response.StatusCode < 500, $"{kind}: {request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
            }
        });

        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"{Requests} hostile requests; statuses: {string.Join(", ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}×{pair.Value}"))}");
        output.WriteLine($"kinds: {string.Join(", ", byKind.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}×{pair.Value}"))}");
        using var alive = await http.GetAsync($"{config.ApiUrl}/api/status", ct);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var written = Files(config.Root).Except(before).ToList();
        var serverFolders = lab.Hosts.Select(host => Path.Combine(config.Datadir, "hostile", $"{host.Address}_{host.Port}") + "/").ToList();
        Assert.All(written, file => Assert.True(serverFolders.Any(folder => file.StartsWith(folder, StringComparison.Ordinal)) || IsOwnState(config, file), $"written outside the servers' folders: {file}"));
        Assert.Empty(Directory.GetFiles(config.Root, "escape*", SearchOption.AllDirectories));
        Assert.Equal(0, statuses.Keys.Count(status => status >= 500));
    }

    /// <summary>Files repman keeps of its own: its key, certificate and saved settings, and each server's state.</summary>
    private static bool IsOwnState(RepmanTestConfig config, string file) =>
        file.StartsWith(config.Datadir + "/", StringComparison.Ordinal) && (Path.GetFileName(file) is "serverstate.json" or "clusterstate.json"
            || Path.GetDirectoryName(file) == config.Datadir);

    private static HashSet<string> Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToHashSet(StringComparer.Ordinal);

    private static HttpClient Insecure() => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        MaxConnectionsPerServer = 8,
    })
    { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A valid job-script token of another cluster's server, to be used where it does not belong.</summary>
    private static async Task<string> ForeignTokenAsync(HttpClient http, RepmanTestConfig config, CancellationToken ct)
    {
        var login = ScriptEnvelope.Seal($$"""{"server":"127.0.0.250:3306","ts":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"nonce":"{{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}}"}""", "another-clusters-password");
        using var response = await http.PostAsync($"{config.ApiUrl}/api/clusters/other/servers/127.0.0.250/3306/secret-login", new StringContent(login, Encoding.UTF8, "application/json"), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }
}
