using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.JobScript;

/// <summary>API mode end to end in the host (spec 6.1.8.4): the receiver is a real socket on loopback.</summary>
public sealed class ApiModeProtocolTests
{
    private static readonly string Replica2Id = ServerIdentity.IdOf(LabSnapshots.Replica2);

    [Fact]
    public async Task AnErrorLogCollectionRunsThroughTheRestCallsAlone()
    {
        await using var host = await JobScriptHost.StartAsync();
        var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };
        var script = await new ScriptClient(host, LabSnapshots.Replica2).LoggedInAsync();
        var payload = RandomNumberGenerator.GetBytes(300_000);
        var sha = Convert.ToHexStringLower(SHA256.HashData(payload));

        var started = await admin.PostAsync($"/api/clusters/lab/servers/{Replica2Id}/actions/backup-error-log");
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        var cookie = Path.Combine(host.Datadir, "lab", "127.0.0.12_3306", "@cookie_waiterrorlog");
        Assert.True(File.Exists(cookie));
        Assert.Contains("WARN0200", (await admin.SendAsync(HttpMethod.Get, "/api/clusters/lab/topology/alerts")).Body, StringComparison.Ordinal);

        Assert.Equal("true", (await script.PostAsync("/needs/errorlog")).Body);
        Assert.False(File.Exists(cookie));
        Assert.Equal("false", (await script.PostAsync("/needs/errorlog")).Body);
        var receive = await script.PostAsync("/actions/receive-task/errorlog");
        Assert.StartsWith("RECEIVER_PORT=", receive.Body, StringComparison.Ordinal);
        Assert.Equal(receive.Body, (await script.PostAsync("/actions/receive-task/errorlog")).Body);
        Assert.Equal("ok", (await script.PostAsync("/actions/job-state/errorlog/processing")).Body);
        using (var sender = new TcpClient())
        {
            await sender.ConnectAsync(IPAddress.Loopback, int.Parse(receive.Body["RECEIVER_PORT=".Length..], System.Globalization.CultureInfo.InvariantCulture), TestContext.Current.CancellationToken);
            await sender.GetStream().WriteAsync(payload, TestContext.Current.CancellationToken);
        }
        var done = await script.PostAsync("/actions/job-state/errorlog/done", $"size={payload.Length} sha256={sha}");

        Assert.Equal("ok", done.Body);
        var job = await WaitForEndAsync(host, "errorlog");
        Assert.Equal(JobState.Success, job.State);
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(job.Path!, TestContext.Current.CancellationToken))));
        Assert.Equal(JobMode.Api, job.Mode);
        var alerts = await admin.SendAsync(HttpMethod.Get, "/api/clusters/lab/topology/alerts");
        Assert.Equal("""{"errors":[],"warnings":[]}""", alerts.Body);
    }

    [Fact]
    public async Task TheErrorLogOfAServerThatDoesNotAnswerCanStillBeCollected()
    {
        await using var host = await JobScriptHost.StartAsync();
        host.Registry.Set(LabSnapshots.With(LabSnapshots.ReplicaServer(LabSnapshots.Replica2, 12) with { State = ServerState.Failed }));
        var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };

        var started = await admin.PostAsync($"/api/clusters/lab/servers/{Replica2Id}/actions/backup-error-log");
        var optimize = await admin.PostAsync($"/api/clusters/lab/servers/{Replica2Id}/actions/optimize");

        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        Assert.Equal(HttpStatusCode.Conflict, optimize.Status);
    }

    [Fact]
    public async Task AStreamShorterThanDeclaredEndsInTheErrorOfThePostJobStep()
    {
        await using var host = await JobScriptHost.StartAsync();
        var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };
        var script = await new ScriptClient(host, LabSnapshots.Replica2).LoggedInAsync();
        await admin.PostAsync($"/api/clusters/lab/servers/{Replica2Id}/actions/backup-slowquery-log");
        await script.PostAsync("/needs/slowquery");
        var receive = await script.PostAsync("/actions/receive-task/slowquery");
        using (var sender = new TcpClient())
        {
            await sender.ConnectAsync(IPAddress.Loopback, int.Parse(receive.Body["RECEIVER_PORT=".Length..], System.Globalization.CultureInfo.InvariantCulture), TestContext.Current.CancellationToken);
            await sender.GetStream().WriteAsync(new byte[1000], TestContext.Current.CancellationToken);
        }

        await script.PostAsync("/actions/job-state/slowquery/done", "size=2000");
        var job = await WaitForEndAsync(host, "slowquery");

        Assert.Equal(JobState.ErrorAfter, job.State);
        Assert.Contains("the sender sent 2000 bytes, 1000 arrived", job.Result, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(host.Datadir, "lab", "127.0.0.12_3306"), "log_slow_query_*"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WithAStreamTokenOnlyAStreamBeginningWithItIsKept(bool sendsTheToken)
    {
        await using var host = await JobScriptHost.StartAsync();
        var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };
        var script = await new ScriptClient(host, LabSnapshots.Replica2).LoggedInAsync();
        await admin.PostAsync($"/api/clusters/lab/servers/{Replica2Id}/actions/backup-error-log");
        await script.PostAsync("/needs/errorlog");
        var payload = RandomNumberGenerator.GetBytes(100_000);

        var receive = await script.PostAsync("/actions/receive-task/errorlog?stream-token=1");
        var lines = receive.Body.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Matches("^RECEIVER_PORT=[0-9]+$", lines[0]);
        Assert.Matches("^RECEIVER_TOKEN=[0-9a-f]{32}$", lines[1]);
        Assert.Equal(receive.Body, (await script.PostAsync("/actions/receive-task/errorlog?stream-token=1")).Body);
        using (var sender = new TcpClient())
        {
            await sender.ConnectAsync(IPAddress.Loopback, int.Parse(lines[0]["RECEIVER_PORT=".Length..], System.Globalization.CultureInfo.InvariantCulture), TestContext.Current.CancellationToken);
            if (sendsTheToken)
                await sender.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(lines[1]["RECEIVER_TOKEN=".Length..] + "\n"), TestContext.Current.CancellationToken);
            await sender.GetStream().WriteAsync(payload, TestContext.Current.CancellationToken);
        }
        await script.PostAsync("/actions/job-state/errorlog/done", "streamed to repman");
        var job = await WaitForEndAsync(host, "errorlog");

        if (sendsTheToken)
        {
            Assert.Equal(JobState.Success, job.State);
            Assert.Equal(payload, await File.ReadAllBytesAsync(job.Path!, TestContext.Current.CancellationToken));
        }
        else
        {
            Assert.True(job.State is JobState.Error or JobState.ErrorAfter, job.Result);
            Assert.Contains("did not begin with the token that receive-task gave the job script", job.Result, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(Path.Combine(host.Datadir, "lab", "127.0.0.12_3306"), "log_error_*"));
        }
    }

    [Fact]
    public async Task TheScriptReportsAnErrorWithItsReason()
    {
        await using var host = await JobScriptHost.StartAsync();
        var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };
        var script = await new ScriptClient(host, LabSnapshots.Replica2).LoggedInAsync();
        await admin.PostAsync($"/api/clusters/lab/servers/{Replica2Id}/actions/backup-physical");
        await script.PostAsync("/needs/mariabackup");

        Assert.Equal("ok", (await script.PostAsync("/actions/job-state/mariabackup/error", "mariabackup: Failed to connect")).Body);
        var job = await WaitForEndAsync(host, "mariabackup");

        Assert.Equal(JobState.Error, job.State);
        Assert.Contains("mariabackup: Failed to connect", job.Result, StringComparison.Ordinal);
        var again = await script.PostAsync("/actions/job-state/mariabackup/done");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
    }

    [Theory]
    [InlineData("/needs/nope", HttpStatusCode.BadRequest, "not a task of the job script")]
    [InlineData("/actions/job-state/errorlog/finished", HttpStatusCode.BadRequest, "not a job state")]
    [InlineData("/actions/job-state/errorlog/done", HttpStatusCode.Conflict, "no errorlog job of the job script is in flight")]
    [InlineData("/actions/receive-task/mariabackup", HttpStatusCode.Conflict, "no mariabackup job is in flight")]
    public async Task RefusalsSayWhy(string path, HttpStatusCode status, string reason)
    {
        await using var host = await JobScriptHost.StartAsync();
        var script = await new ScriptClient(host, LabSnapshots.Replica2).LoggedInAsync();

        var answer = await script.PostAsync(path);

        Assert.Equal(status, answer.Status);
        Assert.Contains(reason, answer.Body, StringComparison.Ordinal);
    }

    internal static async Task<Job> WaitForEndAsync(ApiTestHost host, string task)
    {
        var token = await host.TokenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the {task} job did not end within 30 s");
            using var response = await host.GetAsync($"/api/clusters/lab/servers/{Replica2Id}/jobs", token);
            var jobs = JsonSerializer.Deserialize<List<Job>>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
            if (jobs.FirstOrDefault(job => job.Task == task) is { } job && job.State.IsOver())
                return job;
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
