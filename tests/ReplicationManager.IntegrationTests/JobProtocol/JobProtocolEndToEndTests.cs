using System.Security.Cryptography;
using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Jobs;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.Monitoring;

namespace ReplicationManager.IntegrationTests.JobProtocol;

/// <summary>
/// The job protocol against the real executable on the real lab, the job script played by curl, openssl and socat
/// (protocol-client.sh): in API mode, in SQL mode, and in API mode with the database stopped.
/// </summary>
public sealed class JobProtocolEndToEndTests
{
    private const string Cluster = "protocol";

    [Fact(Timeout = 300_000)]
    public async Task ApiModeCollectsAnErrorLogThroughRestCallsAndSocat()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var host = lab.Replicas[0];
        using var config = new RepmanTestConfig(Section(lab, "scheduler-jobs-mode = \"api\""));
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var admin = await RepmanApiClient.LoginAsync(config, ct);
        // A collection older than log-rotate-max-age (7 days by default): the next collection removes it.
        var old = Path.Combine(config.Datadir, Cluster, Folder(host), "log_error_20200101T000000Z.log");
        Directory.CreateDirectory(Path.GetDirectoryName(old)!);
        await File.WriteAllTextAsync(old, "a line of 2020\n", ct);

        var job = await StartAsync(admin, host, "backup-error-log", ct);
        var cookie = Path.Combine(config.Datadir, Cluster, Folder(host), "@cookie_waiterrorlog");
        Assert.True(File.Exists(cookie));
        var client = await new ProtocolClient(config, Cluster, host, lab.RepmanPassword).LoginAsync(ct);
        var run = await RunErrorLogJobAsync(client, host, ct);

        var final = await WaitForEndAsync(admin, host, job, ct);
        await CheckAndUpgradeTheScriptAsync(client, admin, host, ct);
        Assert.Equal((int)JobState.Success, final.GetProperty("state").GetInt32());
        Assert.False(File.Exists(cookie));
        Assert.Equal(run.Sha256, final.GetProperty("sha256").GetString());
        Assert.Equal(2, final.GetProperty("output").GetProperty("lines").GetInt64());
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(old)!, "log_error_pruned.json")));
        var (_, alerts) = await admin.SendAsync(HttpMethod.Get, $"/api/clusters/{Cluster}/topology/alerts", ct);
        Assert.Equal(0, alerts.GetProperty("warnings").GetArrayLength());
    }

    [Fact(Timeout = 300_000)]
    public async Task SqlModeDrivesTheJobRowThroughTheSameRoutesAndTakesTheOlderScriptsLog()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var host = lab.Replicas[0];
        using var config = new RepmanTestConfig(Section(lab, ""));
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var admin = await RepmanApiClient.LoginAsync(config, ct);
        await using var rows = await JobsHarness.CreateAsync(keepRows: true);

        var id = await StartAsync(admin, host, "backup-error-log", ct);
        var client = await new ProtocolClient(config, Cluster, host, lab.RepmanPassword).LoginAsync(ct);
        await rows.WaitForRowAsync(Address(host), id, row => row.State == JobState.Pending && row.Port > 0, ct);
        var legacy = await client.LegacyLogAsync("errorlog", ["Job errorlog initiated. Clearing previous logs...", "tab\there"], ct);
        var run = await RunErrorLogJobAsync(client, host, ct, afterProcessing: async () =>
            Assert.Equal(JobState.Processing, (await rows.WaitForRowAsync(Address(host), id, _ => true, ct)).State));

        var final = await WaitForEndAsync(admin, host, id, ct);
        await CheckAndUpgradeTheScriptAsync(client, admin, host, ct);
        Assert.StartsWith("HTTP/1.1 200", legacy, StringComparison.Ordinal);
        Assert.Contains("Message logged", legacy, StringComparison.Ordinal);
        Assert.Equal((int)JobState.Success, final.GetProperty("state").GetInt32());
        Assert.Equal(run.Sha256, final.GetProperty("sha256").GetString());
        Assert.Equal(JobState.Success, (await rows.WaitForRowAsync(Address(host), id, row => row.State == JobState.Success, ct)).State);
        Assert.Contains("calls without replay protection", repman.Output, StringComparison.Ordinal);
        var log = await File.ReadAllTextAsync(Path.Combine(config.Datadir, Cluster, Folder(host), "jobs", "errorlog.log"), ct);
        Assert.Contains("INFO tab\there", log, StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task ApiModeCollectsTheErrorLogOfAStoppedDatabase()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var host = lab.Replicas[^1];
        using var config = new RepmanTestConfig(Section(lab, "scheduler-jobs-mode = \"api\""));
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        using var admin = await RepmanApiClient.LoginAsync(config, ct);
        await lab.RunLabAsync(ct, "stop", host.Name);
        try
        {
            await Eventually.WaitUntilAsync($"{host} is seen down", TimeSpan.FromSeconds(60), async () =>
            {
                var (_, servers) = await admin.SendAsync(HttpMethod.Get, $"/api/clusters/{Cluster}/topology/servers", ct);
                var state = servers.EnumerateArray().Single(server => server.GetProperty("host").GetString() == host.Address).GetProperty("state").GetString();
                return (state is "Failed" or "Suspect", state ?? "");
            }, ct);

            var job = await StartAsync(admin, host, "backup-error-log", ct);
            var client = await new ProtocolClient(config, Cluster, host, lab.RepmanPassword).LoginAsync(ct);
            var run = await RunErrorLogJobAsync(client, host, ct);
            var final = await WaitForEndAsync(admin, host, job, ct);

            Assert.Equal((int)JobState.Success, final.GetProperty("state").GetInt32());
            var received = await File.ReadAllTextAsync(final.GetProperty("path").GetString()!, ct);
            Assert.Contains("Shutdown complete", received, StringComparison.Ordinal);
            Assert.Equal(run.Sha256, final.GetProperty("sha256").GetString());
        }
        finally
        {
            await LabRecovery.StartAndWaitForReplicationAsync(lab, host);
        }
    }

    /// <summary>The script's side of one errorlog job: needs, receive-task, processing, the log streamed, two lines pushed, done.</summary>
    private static async Task<(string Sha256, long Size)> RunErrorLogJobAsync(ProtocolClient client, LabHost host, CancellationToken ct, Func<Task>? afterProcessing = null)
    {
        Assert.Equal((200, "true"), await client.CallAsync("POST", "/needs/errorlog", null, ct));
        var (status, receive) = await client.CallAsync("POST", "/actions/receive-task/errorlog", null, ct);
        Assert.True(status == 200 && receive.StartsWith("RECEIVER_PORT=", StringComparison.Ordinal), $"{status} {receive}");
        Assert.Equal((200, "ok"), await client.CallAsync("POST", "/actions/job-state/errorlog/processing", null, ct));
        Assert.Equal((200, "true"), await client.CallAsync("GET", $"/api/clusters/{Cluster}/jobs-log-level/errorlog/INFO", null, ct));
        Assert.Equal((200, "false"), await client.CallAsync("POST", $"/api/clusters/{Cluster}/jobs-log-level/errorlog/DEBUG", null, ct));
        if (afterProcessing is not null)
            await afterProcessing();
        var copy = Path.Combine(Path.GetTempPath(), $"errorlog-{Guid.NewGuid():N}.log");
        File.Copy(host.ErrorLog, copy);
        try
        {
            await client.SendFileAsync(copy, int.Parse(receive["RECEIVER_PORT=".Length..], System.Globalization.CultureInfo.InvariantCulture), ct);
            var bytes = await File.ReadAllBytesAsync(copy, ct);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var (logged, answer) = await client.LogAsync("errorlog", "INFO", [$"sent {bytes.Length} bytes of {host.ErrorLog}", "done"], ct);
            Assert.True(logged == 200, answer);
            Assert.Equal((200, "ok"), await client.CallAsync("POST", "/actions/job-state/errorlog/done", $"size={bytes.Length} sha256={sha}", ct));
            return (sha, bytes.Length);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    /// <summary>send-jobs-upgrade gives repman's script; sent back through receive-jobs-check, it is found up to date.</summary>
    private static async Task CheckAndUpgradeTheScriptAsync(ProtocolClient client, RepmanApiClient admin, LabHost host, CancellationToken ct)
    {
        var (status, script) = await client.CallAsync("POST", "/actions/send-jobs-upgrade", null, ct);
        Assert.Equal(200, status);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "share", "dbjobs", "dbjobs_new"), ct), script);
        var (_, receive) = await client.CallAsync("POST", "/actions/receive-jobs-check", null, ct);
        var copy = Path.Combine(Path.GetTempPath(), $"dbjobs-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(copy, script, ct);
        try
        {
            await client.SendFileAsync(copy, int.Parse(receive["RECEIVER_PORT=".Length..], System.Globalization.CultureInfo.InvariantCulture), ct);
        }
        finally
        {
            File.Delete(copy);
        }
        await Eventually.WaitUntilAsync("the host's script is found up to date", TimeSpan.FromSeconds(30), async () =>
        {
            var (checkStatus, check) = await admin.SendAsync(HttpMethod.Get, $"/api/clusters/{Cluster}/servers/{ServerIdentity.IdOf(Address(host))}/job-script", ct);
            return (checkStatus == 200 && !check.GetProperty("upgradeNeeded").GetBoolean() && check.GetProperty("failure").ValueKind == JsonValueKind.Null, $"{checkStatus} {check}");
        }, ct);
    }

    private static Task<long> StartAsync(RepmanApiClient admin, LabHost host, string action, CancellationToken ct) =>
        admin.StartJobAsync(Cluster, Address(host), action, ct);

    private static Task<JsonElement> WaitForEndAsync(RepmanApiClient admin, LabHost host, long id, CancellationToken ct) =>
        admin.WaitForJobEndAsync(Cluster, Address(host), id, TimeSpan.FromSeconds(60), ct);

    private static ServerAddress Address(LabHost host) => new(host.Address, host.Port);

    private static string Folder(LabHost host) => Address(host).FolderName;

    private static string Section(LabEnvironment lab, string extra) => RepmanTestConfig.LabCluster(lab, Cluster, extra);
}
