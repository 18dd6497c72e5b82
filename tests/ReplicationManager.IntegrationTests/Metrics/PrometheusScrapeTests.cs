using System.Diagnostics;
using System.Text.Json;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.Metrics;

/// <summary>Debian's prometheus scrapes repman's /metrics on the check port and answers PromQL about the lab.</summary>
public sealed class PrometheusScrapeTests
{
    private const string Cluster = "metrics";
    private const string PrometheusPath = "/usr/bin/prometheus";

    [Fact(Timeout = 300_000)]
    public async Task PrometheusScrapesRepmanAndSeesEveryServerUpAndOnePrimary()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        Assert.True(File.Exists(PrometheusPath), $"{PrometheusPath} is missing: lab/lab.sh up installs Debian's prometheus");
        using var config = new RepmanTestConfig(RepmanTestConfig.LabCluster(lab, Cluster), globalExtra: "prometheus-check-port = true");
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        var port = FreePorts.Next();
        var folder = Path.Combine(config.Root, "prometheus");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: repman
                static_configs:
                  - targets: ["127.0.0.1:{config.HttpPort}"]
              - job_name: repman-https
                scheme: https
                tls_config:
                  ca_file: {Path.Combine(config.Datadir, "api-selfsigned-cert.pem")}
                basic_auth:
                  username: admin
                  password: {RepmanTestConfig.AdminPassword}
                static_configs:
                  - targets: ["127.0.0.1:{config.ApiPort}"]
            """, ct);
        using var prometheus = Process.Start(new ProcessStartInfo(PrometheusPath)
        {
            ArgumentList =
            {
                $"--config.file={Path.Combine(folder, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.WaitUntilAsync("prometheus is ready", TimeSpan.FromSeconds(60), async () =>
            {
                if (prometheus.HasExited)
                    throw new InvalidOperationException($"prometheus exited ({prometheus.ExitCode}): {await prometheus.StandardError.ReadToEndAsync(ct)}");
                try
                {
                    using var ready = await http.GetAsync("/-/ready", ct);
                    return (ready.IsSuccessStatusCode, ready.StatusCode.ToString());
                }
                catch (HttpRequestException ex)
                {
                    return (false, ex.Message);
                }
            }, ct);
            await Eventually.WaitUntilAsync("prometheus sees every lab server up", TimeSpan.FromSeconds(90), async () =>
            {
                var values = await QueryAsync(http, $"repman_server_up{{cluster=\"{Cluster}\",job=\"repman\"}}", ct);
                return (values.Count == lab.Hosts.Count && values.Values.All(value => value == 1), string.Join(", ", values));
            }, ct);
            await Eventually.WaitUntilAsync("prometheus scrapes the HTTPS port with Basic credentials", TimeSpan.FromSeconds(60), async () =>
            {
                var up = await QueryAsync(http, "up{job=\"repman-https\"}", ct);
                return (up.Values.SequenceEqual([1.0]), string.Join(", ", up));
            }, ct);
            var primary = await QueryAsync(http, $"repman_server_primary{{cluster=\"{Cluster}\",job=\"repman\"}} == 1", ct);
            Assert.Equal([$"{lab.Primary.Address}:{lab.Primary.Port}"], primary.Keys);
            var ticks = await QueryAsync(http, $"repman_monitoring_tick_seconds{{cluster=\"{Cluster}\",job=\"repman\"}}", ct);
            Assert.Single(ticks);
            Assert.All(ticks.Values, seconds => Assert.InRange(seconds, 0, 5));
            var requests = await QueryAsync(http, "count(microsoft_aspnetcore_hosting_http_server_request_duration_count)", ct);
            Assert.NotEmpty(requests);
        }
        finally
        {
            prometheus.Kill();
            await prometheus.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>The instant vector's values by their server label (or the empty string).</summary>
    private static async Task<Dictionary<string, double>> QueryAsync(HttpClient http, string query, CancellationToken ct)
    {
        using var response = await http.GetAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}", ct);
        if (!response.IsSuccessStatusCode)
            return [];
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().ToDictionary(
            series => series.GetProperty("metric").TryGetProperty("server", out var server) ? server.GetString()! : "",
            series => double.Parse(series.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
