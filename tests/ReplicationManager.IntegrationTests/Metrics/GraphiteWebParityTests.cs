using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Jobs;

namespace ReplicationManager.IntegrationTests.Metrics;

/// <summary>
/// repman's render API and Debian's graphite-web, both reading the whisper files repman wrote from carbon lines,
/// answer the same targets with the same names, timestamps and values.
/// </summary>
public sealed class GraphiteWebParityTests
{
    private const string GraphiteWebPackage = "/usr/lib/python3/dist-packages/graphite/settings.py";

    public static readonly TheoryData<string> Targets =
    [
        "mysql.db1.questions",
        "mysql.*.questions",
        "mysql.{db1,db2}.lag",
        "sumSeries(mysql.*.questions)",
        "averageSeries(mysql.*.questions)",
        "perSecond(mysql.db1.questions)",
        "nonNegativeDerivative(mysql.db2.questions)",
        "scale(mysql.db1.lag,0.5)",
        "alias(mysql.db1.lag,\"lag\")",
        "aliasByNode(mysql.*.questions,1)",
        "movingAverage(mysql.db1.lag,3)",
        "summarize(mysql.db1.questions,\"1min\",\"max\")",
        "mysql.db2.questions&maxDataPoints=7",
        "perSecond(mysql.*.questions)&maxDataPoints=10",
    ];

    [Fact(Timeout = 300_000)]
    public async Task EveryTargetAnswersAsGraphiteWebAnswersOnTheSameFiles()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(File.Exists(GraphiteWebPackage), "graphite-web is missing: lab/lab.sh up installs Debian's graphite-web");
        var carbonPort = FreePorts.Next();
        var picklePort = FreePorts.Next();
        using var config = new RepmanTestConfig(globalExtra: $"""
            graphite-embedded = true
            graphite-carbon-port = {carbonPort}
            graphite-carbon-pickle-port = {picklePort}
            graphite-carbon-api-port = {FreePorts.Next()}
            graphite-retention = "10s:1h,1m:1d"
            """);
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var admin = await RepmanApiClient.LoginAsync(config, ct);

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var start = now - 600 - (now % 60);
        var lines = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            var t = start + (i * 10);
            lines.Append(CultureInfo.InvariantCulture, $"mysql.db1.questions {1000 + (i * 37)} {t}\n");
            if (i is < 15 or > 18) // a gap
                lines.Append(CultureInfo.InvariantCulture, $"mysql.db2.questions {(i < 25 ? 500 + (i * 11) : (i - 25) * 5)} {t}\n"); // a reset at 25
            lines.Append(CultureInfo.InvariantCulture, $"mysql.db1.lag {i % 7} {t}\nmysql.db2.lag {(i * 3) % 5} {t}\n");
        }
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", carbonPort, ct);
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(lines.ToString()), ct);
        }
        var from = start - 30;
        var until = start + 420;
        await Eventually.WaitUntilAsync("the carbon lines are stored", TimeSpan.FromSeconds(30), async () =>
        {
            var answer = await RepmanAsync(admin, "mysql.db1.lag", from, until, ct);
            var known = answer.SelectMany(s => s.Points).Count(p => p.Value is not null);
            return (known == 40, $"{known} points");
        }, ct);

        await using var graphiteWeb = await GraphiteWeb.StartAsync(Path.Combine(config.Datadir, "graphite"), Path.Combine(config.Root, "graphite-web"), ct);
        var mismatches = new List<string>();
        foreach (var target in Targets)
        {
            var ours = await RepmanAsync(admin, target, from, until, ct);
            var theirs = await graphiteWeb.RenderAsync(target, from, until, ct);
            var difference = Compare(ours, theirs);
            if (difference is not null)
                mismatches.Add($"{target}: {difference}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>The target escaped; an "&amp;name=value" after it (maxDataPoints) stays a parameter.</summary>
    private static string Query(string target) =>
        target.Split('&', 2) is [var expression, var rest] ? $"{Uri.EscapeDataString(expression)}&{rest}" : Uri.EscapeDataString(target);

    private static string? Compare(List<Series> ours, List<Series> theirs)
    {
        if (ours.Count != theirs.Count)
            return $"{ours.Count} series, graphite-web {theirs.Count}";
        foreach (var (mine, graphite) in ours.OrderBy(s => s.Name, StringComparer.Ordinal).Zip(theirs.OrderBy(s => s.Name, StringComparer.Ordinal)))
        {
            if (mine.Name != graphite.Name)
                return $"named '{mine.Name}', graphite-web '{graphite.Name}'";
            if (mine.Points.Count != graphite.Points.Count)
                return $"{mine.Name}: {mine.Points.Count} points, graphite-web {graphite.Points.Count}";
            for (var i = 0; i < mine.Points.Count; i++)
            {
                var (value, time) = mine.Points[i];
                var (expected, expectedTime) = graphite.Points[i];
                if (time != expectedTime || value.HasValue != expected.HasValue || (value is { } v && Math.Abs(v - expected!.Value) > 1e-9))
                    return $"{mine.Name} point {i}: ({value}, {time}), graphite-web ({expected}, {expectedTime})";
            }
        }
        return null;
    }

    private static async Task<List<Series>> RepmanAsync(RepmanApiClient admin, string target, long from, long until, CancellationToken ct)
    {
        var (status, body) = await admin.SendAsync(HttpMethod.Get, $"/graphite/render?target={Query(target)}&from={from}&until={until}&format=json", ct);
        Assert.True(status == 200, $"{target}: {status} {body}");
        return Series.Read(body);
    }

    internal sealed record Series(string Name, List<(double? Value, long Time)> Points)
    {
        public static List<Series> Read(JsonElement body) => body.EnumerateArray().Select(series => new Series(
            series.GetProperty("target").GetString()!,
            series.GetProperty("datapoints").EnumerateArray()
                .Select(point => (point[0].ValueKind == JsonValueKind.Null ? (double?)null : point[0].GetDouble(), point[1].GetInt64())).ToList())).ToList();
    }

    /// <summary>Debian's graphite-web (Django's development server) over a whisper folder, on a free loopback port.</summary>
    private sealed class GraphiteWeb : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _http;

        private GraphiteWeb(Process process, int port)
        {
            _process = process;
            _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        }

        public static async Task<GraphiteWeb> StartAsync(string whisper, string folder, CancellationToken ct)
        {
            Directory.CreateDirectory(Path.Combine(folder, "log"));
            await File.WriteAllTextAsync(Path.Combine(folder, "repman_graphite_settings.py"), $"""
                SECRET_KEY = 'repman-parity-test'
                STORAGE_DIR = '{folder}'
                WHISPER_DIR = '{whisper}'
                LOG_DIR = '{folder}/log'
                INDEX_FILE = '{folder}/index'
                DATABASES = {"{"}'default': {"{"}'NAME': '{folder}/graphite.db', 'ENGINE': 'django.db.backends.sqlite3'{"}"}{"}"}
                TIME_ZONE = 'UTC'
                """, ct);
            var port = FreePorts.Next();
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"from django.core.management import execute_from_command_line; execute_from_command_line(['graphite', 'runserver', '127.0.0.1:{port}', '--noreload'])");
            start.Environment["PYTHONPATH"] = folder;
            start.Environment["GRAPHITE_SETTINGS_MODULE"] = "repman_graphite_settings";
            start.Environment["DJANGO_SETTINGS_MODULE"] = "graphite.settings";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var web = new GraphiteWeb(process, port);
            try
            {
                await Eventually.WaitUntilAsync("graphite-web answers", TimeSpan.FromSeconds(60), async () =>
                {
                    if (process.HasExited)
                        throw new InvalidOperationException($"graphite-web exited ({process.ExitCode})");
                    try
                    {
                        using var response = await web._http.GetAsync("/render?target=none&format=json", ct);
                        return (response.IsSuccessStatusCode, response.StatusCode.ToString());
                    }
                    catch (HttpRequestException ex)
                    {
                        return (false, ex.Message);
                    }
                }, ct);
            }
            catch
            {
                await web.DisposeAsync();
                throw;
            }
            return web;
        }

        public async Task<List<Series>> RenderAsync(string target, long from, long until, CancellationToken ct)
        {
            var text = await _http.GetStringAsync($"/render?target={Query(target)}&from={from}&until={until}&format=json", ct);
            return Series.Read(JsonDocument.Parse(text).RootElement);
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
            _process.Dispose();
        }
    }
}
