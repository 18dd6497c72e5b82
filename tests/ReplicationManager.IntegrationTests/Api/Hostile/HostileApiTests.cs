using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReplicationManager.IntegrationTests.Jobs;

namespace ReplicationManager.IntegrationTests.Api.Hostile;

/// <summary>
/// 10,000 generated hostile requests against every route of the real executable's OpenAPI document and its check port:
/// bad JSON, wrong types, huge bodies and headers, missing, garbage, foreign and expired tokens, a user without the
/// grant, path traversal, unknown clusters and servers, wrong methods, junk queries, slow clients. Not one 5xx (a proxy
/// check's own 503 aside), the process alive and answering, its memory back near where it started.
/// The cluster's servers are loopback addresses nobody listens on: a request that gets through changes nothing real.
/// </summary>
public sealed class HostileApiTests
{
    private const int Requests = 10_000;
    private const string ViewerPassword = "viewer-Pa55";

    [Fact(Timeout = 900_000)]
    public async Task TenThousandHostileRequestsOnEveryRouteGetNo5xxAndLeaveTheProcessAsItWas()
    {
        var ct = TestContext.Current.CancellationToken;
        var output = TestContext.Current.TestOutputHelper!;
        using var config = new RepmanTestConfig("""
            [hostile]
            db-servers-hosts = "127.0.0.251:3306,127.0.0.252:3306"
            db-servers-credential = "repman:unused"
            monitoring-ticker = 1

            [other]
            db-servers-hosts = "127.0.0.253:3306"
            db-servers-credential = "repman:unused"
            """, withCredentials: false, globalExtra: $"""
            api-credentials = "admin:{RepmanTestConfig.AdminPassword},viewer:{ViewerPassword}"
            api-credentials-acl-allow = "admin:global cluster proxy db prov,viewer:db-show-status"
            """);
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var http = await TrustingClientAsync(config, ct);
        var target = await TargetAsync(http, config, ct);
        var routes = ApiRoute.FromOpenApi(await http.GetFromJsonAsync<JsonElement>($"{config.ApiUrl}/api/openapi.json", ct));
        var generator = new HostileApiRequests(routes, target);

        await SendAllAsync(http, generator, 0, 500, ct);
        var baseline = ResidentBytes(repman.Pid);
        var statuses = new ConcurrentDictionary<int, int>();
        var byKind = new ConcurrentDictionary<string, int>();
        var coveredRoutes = new ConcurrentDictionary<string, bool>();
        var started = Stopwatch.GetTimestamp();
        try
        {
            await SendAllAsync(http, generator, 500, Requests, ct, (kind, route, status) =>
            {
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
                coveredRoutes[route.Method + " " + route.Template] = true;
            });
        }
        catch
        {
            output.WriteLine("repman's output, last lines:\n" + string.Join('\n', repman.Output.Split('\n').Where(line => !line.Contains("refused: missing grant", StringComparison.Ordinal)).TakeLast(80)));
            throw;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var after = ResidentBytes(repman.Pid);

        output.WriteLine($"{Requests - 500} hostile requests in {elapsed.TotalSeconds:0.0} s over {coveredRoutes.Count} of {routes.Count} operations; statuses: {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{(p.Key == 0 ? "closed while sending" : p.Key)}×{p.Value}"))}");
        output.WriteLine($"kinds: {string.Join(", ", byKind.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}×{p.Value}"))}");
        output.WriteLine($"resident memory: {baseline >> 20} MiB after 500 warm-up requests, {after >> 20} MiB 5 s after the last");
        using var alive = await http.GetAsync($"{config.ApiUrl}/api/status", ct);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(routes.Count, coveredRoutes.Count);
        Assert.True(after <= baseline + (128L << 20), $"resident memory grew from {baseline >> 20} MiB to {after >> 20} MiB");
    }

    private static async Task SendAllAsync(HttpClient http, HostileApiRequests generator, int from, int to, CancellationToken ct,
        Action<string, ApiRoute, int>? record = null)
    {
        await Parallel.ForAsync(from, to, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var (kind, route, request) = generator.Make(i);
            using var _ = request;
            int status;
            string body, mediaType;
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                status = (int)response.StatusCode;
                mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
                body = mediaType == "text/event-stream" ? "(event stream)" : await response.Content.ReadAsStringAsync(token);
            }
            catch (HttpRequestException ex) when (kind is "huge body" or "huge header" && ex.InnerException is IOException)
            {
                // Kestrel answers 413 or 431 and closes the connection while the client is still sending.
                record?.Invoke(kind, route, 0);
                return;
            }
            catch (HttpRequestException ex)
            {
                throw new InvalidOperationException($"request {i} ({kind}): {request.Method} {request.RequestUri} failed: {ex.Message}", ex);
            }
            var checkAnswer = status == 503 && route.IsCheck && mediaType == "text/plain";
            Assert.True(status < 500 || checkAnswer,
                $"request {i} ({kind}): {request.Method} {request.RequestUri} answered {status}: {body[..Math.Min(body.Length, 2000)]}");
            record?.Invoke(kind, route, status);
        });
    }

    private static async Task<HttpClient> TrustingClientAsync(RepmanTestConfig config, CancellationToken ct)
    {
        var handler = await config.TrustingHandlerAsync(ct);
        handler.MaxConnectionsPerServer = 8;
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    private static async Task<HostileTarget> TargetAsync(HttpClient http, RepmanTestConfig config, CancellationToken ct)
    {
        var admin = await LoginAsync(http, config, "admin", RepmanTestConfig.AdminPassword, ct);
        var viewer = await LoginAsync(http, config, "viewer", ViewerPassword, ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{config.ApiUrl}/api/clusters/hostile/topology/servers");
        request.Headers.Authorization = new("Bearer", admin);
        using var response = await http.SendAsync(request, ct);
        var servers = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var first = servers[0];
        var signingKey = await File.ReadAllBytesAsync(Path.Combine(config.Datadir, "api-jwt-signing.key"), ct);
        return new HostileTarget(config.ApiUrl, config.CheckUrl, "hostile", first.GetProperty("id").GetString()!,
            first.GetProperty("host").GetString()!, int.Parse(first.GetProperty("port").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            admin, viewer, signingKey);
    }

    private static async Task<string> LoginAsync(HttpClient http, RepmanTestConfig config, string user, string password, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"{config.ApiUrl}/api/login", new { username = user, password }, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("token").GetString()!;
    }

    private static long ResidentBytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is var kib ? long.Parse(kib, System.Globalization.CultureInfo.InvariantCulture) << 10 : 0;
}
