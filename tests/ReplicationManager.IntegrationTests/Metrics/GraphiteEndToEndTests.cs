using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Jobs;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.Monitoring;

namespace ReplicationManager.IntegrationTests.Metrics;

/// <summary>
/// The embedded Graphite store on the lab: the monitoring loop feeds it, collectors write to it over carbon
/// plaintext (TCP and UDP), the render API reads it, python3-whisper reads its files, a stopped replica is a gap.
/// </summary>
public sealed class GraphiteEndToEndTests
{
    private const string Cluster = "graphite";

    [Fact(Timeout = 300_000)]
    public async Task TheMonitoringFeedsLagAndQueriesCarbonWritesLandAndAStoppedReplicaIsAGap()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var carbonPort = FreePorts.Next();
        var picklePort = FreePorts.Next();
        var renderPort = FreePorts.Next();
        using var config = new RepmanTestConfig(RepmanTestConfig.LabCluster(lab, Cluster), globalExtra: $"""
            graphite-embedded = true
            graphite-metrics = true
            graphite-carbon-port = {carbonPort}
            graphite-carbon-pickle-port = {picklePort}
            graphite-carbon-api-port = {renderPort}
            graphite-retention = "1s:30m,1m:1d"
            """);
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var admin = await RepmanApiClient.LoginAsync(config, ct);
        var replica = lab.Replicas[^1];
        var replicaNode = $"{replica.Address.Replace('.', '_')}_{replica.Port}";

        await Eventually.WaitUntilAsync("lag and queries of every server are stored", TimeSpan.FromSeconds(60), async () =>
        {
            var lags = await RenderAsync(admin, "mysql.*.mysql_slave_status_seconds_behind_master", "-1min", ct);
            var queries = await RenderAsync(admin, "mysql.*.mysql_global_status_questions", "-1min", ct);
            return (lags.Count == lab.Replicas.Count && queries.Count == lab.Hosts.Count && lags.Values.All(points => points.Any(p => p.Value is not null)),
                $"{lags.Count} lag series, {queries.Count} query series");
        }, ct);
        var rates = await RenderAsync(admin, "aliasByNode(perSecond(mysql.*.mysql_global_status_questions), 1)", "-1min", ct);
        Assert.Contains(replicaNode, rates.Keys);

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", carbonPort, ct);
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"lab.collector.tcp 42 {now}\nnot a line\n../escape 1 {now}\n"), ct);
        }
        using (var udp = new UdpClient())
            await udp.SendAsync(Encoding.ASCII.GetBytes($"lab.collector.udp 7.5 {now}\n"), new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, carbonPort), ct);
        // What a carbon client in Python sends on the pickle port.
        await RunAsync("/usr/bin/python3", ["-c", $"import pickle, socket, struct; p = pickle.dumps([('lab.collector.pickle', ({now}, 3.25))], protocol=2); s = socket.create_connection(('127.0.0.1', {picklePort})); s.sendall(struct.pack('!L', len(p)) + p); s.close()"], ct);
        await Eventually.WaitUntilAsync("the carbon lines are stored", TimeSpan.FromSeconds(30), async () =>
        {
            var written = await RenderAsync(admin, "lab.collector.*", "-2min", ct);
            var values = written.Values.SelectMany(points => points).Where(p => p.Value is not null).Select(p => p.Value!.Value).Order().ToList();
            return (values.SequenceEqual([3.25, 7.5, 42]), string.Join(",", values));
        }, ct);
        Assert.Contains("Carbon data refused", repman.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(config.Datadir, "escape.wsp")));
        var fetched = await RunAsync("/usr/bin/whisper-fetch", ["--from", $"{now - 5}", Path.Combine(config.Datadir, "graphite", "lab", "collector", "tcp.wsp")], ct);
        Assert.Contains($"{now}\t42.0", fetched, StringComparison.Ordinal);
        // carbonapi's port: the same answers, with credentials (HTTP Basic here), and only on that port.
        using (var http = new HttpClient())
        {
            var basic = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{RepmanTestConfig.AdminPassword}")));
            using var render = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{renderPort}/render?target=lab.collector.tcp&from=-2min&format=json");
            render.Headers.Authorization = basic;
            using var answer = await http.SendAsync(render, ct);
            Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("[42,", (await answer.Content.ReadAsStringAsync(ct)).Replace(".0,", ",", StringComparison.Ordinal), StringComparison.Ordinal);
            using var anonymous = await http.GetAsync($"http://127.0.0.1:{renderPort}/render?target=lab.collector.tcp", ct);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
            using var checkPort = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{config.HttpPort}/render?target=lab.collector.tcp");
            checkPort.Headers.Authorization = basic;
            using var elsewhere = await http.SendAsync(checkPort, ct);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, elsewhere.StatusCode);
        }
        var find = await admin.SendAsync(HttpMethod.Get, "/graphite/metrics/find?query=mysql.*", ct);
        Assert.Equal(lab.Hosts.Count, find.Body.GetArrayLength());

        await lab.RunLabAsync(ct, "stop", replica.Name);
        long stoppedAt;
        try
        {
            stoppedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
        }
        finally
        {
            await LabRecovery.StartAndWaitForReplicationAsync(lab, replica);
        }
        await Eventually.WaitUntilAsync("the replica's lag is stored again after its gap", TimeSpan.FromSeconds(60), async () =>
        {
            var lag = (await RenderAsync(admin, $"mysql.{replicaNode}.mysql_slave_status_seconds_behind_master", "-2min", ct)).Values.Single();
            var gap = lag.Where(p => p.Timestamp > stoppedAt + 1 && p.Timestamp < stoppedAt + 5).All(p => p.Value is null);
            var back = lag.Any(p => p.Timestamp > stoppedAt + 5 && p.Value is not null);
            return (gap && back, $"gap {gap}, back {back}");
        }, ct);
    }

    private static async Task<Dictionary<string, List<(double? Value, long Timestamp)>>> RenderAsync(RepmanApiClient admin, string target, string from, CancellationToken ct)
    {
        var (status, body) = await admin.SendAsync(HttpMethod.Get, $"/graphite/render?target={Uri.EscapeDataString(target)}&from={from}&format=json", ct);
        Assert.Equal(200, status);
        return body.EnumerateArray().ToDictionary(
            series => series.GetProperty("target").GetString()!,
            series => series.GetProperty("datapoints").EnumerateArray()
                .Select(point => (point[0].ValueKind == JsonValueKind.Null ? (double?)null : point[0].GetDouble(), point[1].GetInt64())).ToList());
    }

    private static async Task<string> RunAsync(string tool, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"{tool}: {await error}");
        return await output;
    }
}
