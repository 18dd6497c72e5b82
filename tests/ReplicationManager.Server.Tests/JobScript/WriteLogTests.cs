using System.Net;
using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.JobScript;

public sealed class WriteLogTests
{
    private static readonly string Replica2Id = ServerIdentity.IdOf(LabSnapshots.Replica2);
    private const string RemoteOptimize = "scheduler-jobs-exec-remote = \"optimize\"";

    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "JobScript", "Fixtures");

    [Fact]
    public async Task MariabackupsOutputPushedInBatchesGivesTheBackupPositionInTheHistoryAndTheMetadata()
    {
        // The stream here is not a real backup: the check that extracts and prepares one is left out.
        await using var host = await JobScriptHost.StartAsync("backup-physical-verify = false");
        var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };
        var script = await new ScriptClient(host, LabSnapshots.Replica2).LoggedInAsync();
        await admin.PostAsync($"/api/clusters/lab/servers/{Replica2Id}/actions/backup-physical");
        await script.PostAsync("/needs/mariabackup");
        var receive = await script.PostAsync("/actions/receive-task/mariabackup");
        using (var sender = new System.Net.Sockets.TcpClient())
        {
            await sender.ConnectAsync(IPAddress.Loopback, int.Parse(receive.Body["RECEIVER_PORT=".Length..], System.Globalization.CultureInfo.InvariantCulture), TestContext.Current.CancellationToken);
            await sender.GetStream().WriteAsync(new byte[4096], TestContext.Current.CancellationToken);
        }
        var lines = await File.ReadAllLinesAsync(Path.Combine(Fixtures, "mariabackup-10.11-replica.out"), TestContext.Current.CancellationToken);

        // Half the lines before done, the rest (with the position) after: a script drains its log once the job ended.
        foreach (var batch in lines.Take(200).Chunk(5))
            Assert.Equal(HttpStatusCode.OK, (await script.PostAsync("/write-log/mariabackup", script.LogBody(batch))).Status);
        await script.PostAsync("/actions/job-state/mariabackup/done", "size=4096");
        var kept = await ApiModeProtocolTests.WaitForEndAsync(host, "mariabackup");
        foreach (var batch in lines.Skip(200).Chunk(5))
            Assert.Equal(HttpStatusCode.OK, (await script.PostAsync("/write-log/mariabackup", script.LogBody(batch))).Status);

        var job = (await admin.SendAsync(HttpMethod.Get, $"/api/clusters/lab/servers/{Replica2Id}/jobs")).Body;
        var history = JsonSerializer.Deserialize<List<Job>>(job)!.Single(entry => entry.Task == "mariabackup");
        Assert.Equal(JobState.Success, kept.State);
        Assert.Equal(new BackupPosition("0-11-192", "binlog.000001", 109914614), history.Position);
        Assert.Equal(lines.Length, history.Output!.Lines);
        Assert.Equal("[00] 2026-12-06 11:05:56 completed OK!", history.Output.Tail[^1]);
        var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(kept.Path![..^".xbstream".Length] + ".meta.json", TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("0-11-192", metadata.GetProperty("gtid").GetString());
        Assert.Equal("binlog.000001", metadata.GetProperty("binlogFile").GetString());
        Assert.Equal(109914614, metadata.GetProperty("binlogPos").GetInt64());
        var logFile = await File.ReadAllLinesAsync(Path.Combine(host.Datadir, "lab", "127.0.0.12_3306", "jobs", "mariabackup.log"), TestContext.Current.CancellationToken);
        Assert.Equal(lines.Length, logFile.Length);
    }

    [Fact]
    public async Task TheOlderScriptsTokenlessBatchIsTakenAsItWritesIt()
    {
        await using var host = await JobScriptHost.StartAsync(RemoteOptimize);
        var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };
        var script = new ScriptClient(host, LabSnapshots.Replica2);
        await admin.PostAsync($"/api/clusters/lab/servers/{Replica2Id}/actions/optimize");
        // No level, a raw tab, the 'x' filler GNU tr leaves where the script meant 0x01.
        var body = script.Seal("{\"server\":\"127.0.0.12:3306\",\"log\":\"test.t1\\toptimize\\tstatus\\tOK\\nERROR 1146 (42S02): Table 'test.t2' doesn't exist\\nraw\ttab\"}xxxxxxxx");

        var answer = await script.PostAsync("/write-log/optimize", body, withToken: false);

        Assert.Equal((HttpStatusCode.OK, """{"data":"Message logged","success":true}"""), (answer.Status, answer.Body));
        var log = await File.ReadAllLinesAsync(Path.Combine(host.Datadir, "lab", "127.0.0.12_3306", "jobs", "optimize.log"), TestContext.Current.CancellationToken);
        Assert.Equal(3, log.Length);
        Assert.Contains(" ERROR ERROR 1146", log[1], StringComparison.Ordinal);
        Assert.EndsWith("raw\ttab", log[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABatchThatIsNotForThisServerOrJobIsRefusedAndNothingIsWritten()
    {
        await using var host = await JobScriptHost.StartAsync(RemoteOptimize);
        var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };
        var script = await new ScriptClient(host, LabSnapshots.Replica2).LoggedInAsync();
        await admin.PostAsync($"/api/clusters/lab/servers/{Replica2Id}/actions/optimize");

        var otherServer = await script.PostAsync("/write-log/optimize", script.LogBody(["x"], serverName: "127.0.0.13:3306"));
        var noToken = await script.PostAsync("/write-log/optimize", script.LogBody(["x"], serverName: "127.0.0.13:3306"), withToken: false);
        var wrongKey = await script.PostAsync("/write-log/optimize", new ScriptClient(host, LabSnapshots.Replica2, "wrong").LogBody(["x"]));
        var noJob = await script.PostAsync("/write-log/errorlog", script.LogBody(["x"]));
        var notEnvelope = await script.PostAsync("/write-log/optimize", "{\"server\":\"127.0.0.12:3306\",\"log\":\"x\"}");
        var traversal = await script.PostAsync("/write-log/..%2F..%2Fescape", script.LogBody(["x"]));
        var badLevel = await script.PostAsync("/write-log/optimize", script.LogBody(["x"], level: "TRACE"));

        Assert.Equal(HttpStatusCode.BadRequest, otherServer.Status);
        Assert.Contains("names server '127.0.0.13:3306', not 127.0.0.12:3306", otherServer.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.Status);
        Assert.Equal(HttpStatusCode.BadRequest, wrongKey.Status);
        Assert.Equal(HttpStatusCode.Conflict, noJob.Status);
        Assert.Contains("no errorlog job on 127.0.0.12:3306 to log for", noJob.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notEnvelope.Status);
        Assert.Equal(HttpStatusCode.BadRequest, traversal.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badLevel.Status);
        Assert.False(Directory.Exists(Path.Combine(host.Datadir, "lab", "127.0.0.12_3306", "jobs")));
    }

    [Fact]
    public async Task ReplicationManagersNewerScriptProvesThePasswordInEachBody()
    {
        await using var host = await JobScriptHost.StartAsync(RemoteOptimize);
        var admin = new ScriptClient(host, LabSnapshots.Replica2) { Token = await host.TokenAsync() };
        var script = new ScriptClient(host, LabSnapshots.Replica2);
        await admin.PostAsync($"/api/clusters/lab/servers/{Replica2Id}/actions/optimize");
        var proof = script.Seal($$"""{"server":"127.0.0.12:3306","secret":"{{ApiTestHost.DbPassword}}"}""");
        var wrongSecret = script.Seal("""{"server":"127.0.0.12:3306","secret":"nope"}""");

        Assert.Equal("true", (await script.PostAsync("/needs/optimize", proof, withToken: false)).Body);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.PostAsync("/actions/job-state/optimize/processing", wrongSecret, withToken: false)).Status);
        Assert.Equal("ok", (await script.PostAsync("/actions/job-state/optimize/processing", proof, withToken: false)).Body);
        Assert.Equal("NO_RECEIVER_NEEDED", (await script.PostAsync("/actions/receive-task/optimize", proof, withToken: false)).Body);
        var done = script.Seal($$"""{"server":"127.0.0.12:3306","secret":"{{ApiTestHost.DbPassword}}","result":"12 tables optimized"}""");
        Assert.Equal("ok", (await script.PostAsync("/actions/job-state/optimize/done", done, withToken: false)).Body);

        var job = await ApiModeProtocolTests.WaitForEndAsync(host, "optimize");
        Assert.Equal(JobState.Success, job.State);
        Assert.Contains("12 tables optimized", job.Result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "INFO", "true")]
    [InlineData("", "warn", "true")]
    [InlineData("", "DEBUG", "false")]
    [InlineData("log-task-level = 4", "DEBUG", "true")]
    [InlineData("log-task-level = 1", "INFO", "false")]
    [InlineData("log-task = false", "ERROR", "false")]
    public async Task JobsLogLevelAnswersFromLogTaskLevel(string setting, string level, string expected)
    {
        var config = JobScriptHost.ApiModeConfig.Replace("[Default]\n", $"[Default]\n{setting}\n", StringComparison.Ordinal);
        await using var host = await ApiTestHost.StartAsync(config);
        var script = await new ScriptClient(host, LabSnapshots.Replica2).LoggedInAsync();

        var answer = await script.SendAsync(HttpMethod.Get, $"/api/clusters/lab/jobs-log-level/mariabackup/{level}");

        Assert.Equal((HttpStatusCode.OK, expected), (answer.Status, answer.Body));
    }
}
