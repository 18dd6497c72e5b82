using System.Text;
using ReplicationManager.Core.Jobs;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.Monitoring;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>Database logs collected by the job script over SSH: only what is new, each byte once, even from a stopped server.</summary>
public sealed class LogCollectionOverSshTests
{
    [Fact(Timeout = 300_000)]
    public async Task TheErrorLogCollectedTwiceSendsOnlyWhatIsNew()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ScriptLab.StartAsync("api", ct);
        var host = lab.Lab.Replicas[0];
        ForgetPosition(host, "errorlog");

        var first = await CollectAsync(lab, host, "backup-error-log", ct);
        await File.AppendAllTextAsync(host.ErrorLog, "2026-12-06 12:00:00 0 [Note] repman test: line one\n2026-12-06 12:00:00 0 [Note] repman test: line two\n", ct);
        var second = await CollectAsync(lab, host, "backup-error-log", ct);
        var log = await File.ReadAllBytesAsync(host.ErrorLog, ct);

        var firstBytes = await File.ReadAllBytesAsync(first.Path!, ct);
        var secondBytes = await File.ReadAllBytesAsync(second.Path!, ct);
        Assert.Equal(log.AsSpan(0, firstBytes.Length).ToArray(), firstBytes);
        Assert.Equal(log.AsSpan(firstBytes.Length, secondBytes.Length).ToArray(), secondBytes);
        Assert.Contains("repman test: line two", Encoding.UTF8.GetString(secondBytes), StringComparison.Ordinal);
        var (_, tail) = await lab.Api.SendAsync(HttpMethod.Get, $"/api/clusters/{ScriptLab.Cluster}/servers/{ScriptLab.Id(host)}/collected-logs/errorlog?lines=2", ct);
        Assert.Contains("repman test: line two", tail.GetProperty("lines").EnumerateArray().Last().GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task ASlowLogOfAHundredThousandLinesArrivesOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ScriptLab.StartAsync("sql", ct);
        var host = lab.Lab.Replicas[1];
        ForgetPosition(host, "slowquery");
        await CollectAsync(lab, host, "backup-slowquery-log", ct);
        var before = new FileInfo(host.SlowLog).Length;
        var lines = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
            lines.Append("# Query_time: 1.5  Lock_time: 0.0 Rows_sent: ").Append(i).Append(" SELECT SLEEP(1.5);\n");
        await File.AppendAllTextAsync(host.SlowLog, lines.ToString(), ct);

        var big = await CollectAsync(lab, host, "backup-slowquery-log", ct);
        var again = await lab.StartAsync("backup-slowquery-log", host, ct);
        await lab.RunScriptAsync(host, ct);
        var nothing = await lab.WaitForEndAsync(host, again, ct);

        var received = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(big.Path!, ct));
        Assert.Equal(100_000, received.Split('\n').Count(line => line.StartsWith("# Query_time: 1.5", StringComparison.Ordinal)));
        Assert.Equal(new FileInfo(host.SlowLog).Length - before, big.Bytes);
        Assert.Equal(JobState.Success, ScriptLab.State(nothing));
        Assert.Contains("no new lines since the last collection", ScriptLab.Result(nothing), StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task ApiModeCollectsTheErrorLogOfAStoppedServer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ScriptLab.StartAsync("api", ct);
        var host = lab.Lab.Replicas[^1];
        // A first run while the server answers: the script learns where its error log is.
        await CollectAsync(lab, host, "backup-error-log", ct);
        await lab.Lab.RunLabAsync(ct, "stop", host.Name);
        try
        {
            var crash = await CollectAsync(lab, host, "backup-error-log", ct);

            Assert.Contains("Shutdown complete", await File.ReadAllTextAsync(crash.Path!, ct), StringComparison.Ordinal);
        }
        finally
        {
            await LabRecovery.StartAndWaitForReplicationAsync(lab.Lab, host);
        }
    }

    /// <summary>Asks for a log collection, runs the script over SSH, and returns the collection's job.</summary>
    private static async Task<Job> CollectAsync(ScriptLab lab, LabHost host, string action, CancellationToken ct)
    {
        var id = await lab.StartAsync(action, host, ct);
        var run = await lab.RunScriptAsync(host, ct);
        Assert.True(ScriptLab.State(run) == JobState.Success, ScriptLab.Result(run));
        var job = await lab.WaitForEndAsync(host, id, ct);
        Assert.True(ScriptLab.State(job) == JobState.Success, ScriptLab.Result(job));
        return System.Text.Json.JsonSerializer.Deserialize<Job>(job.GetRawText())!;
    }

    /// <summary>
    /// Makes the script send the whole log at its next run, as if it never collected it. On a fresh lab the script
    /// never ran there: there is no state folder yet.
    /// </summary>
    private static void ForgetPosition(LabHost host, string task)
    {
        var position = Path.Combine(Path.GetDirectoryName(host.DataDir)!, "dbjobs", task + ".position");
        if (File.Exists(position))
            File.Delete(position);
    }
}
