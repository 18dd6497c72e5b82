using ReplicationManager.Core.Jobs;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.IntegrationTests.Monitoring;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>Optimize and restart, run by the job script on a real host over SSH.</summary>
public sealed class ServerControlOverSshTests
{
    [Fact(Timeout = 300_000)]
    public async Task OptimizeRunsWithMariadbCheckOnTheHostAndPushesItsReport()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ScriptLab.StartAsync("sql", ct, "scheduler-jobs-exec-remote = \"optimize\"");
        var host = lab.Lab.Replicas[0];

        var id = await lab.StartAsync("optimize", host, ct);
        await lab.RunScriptAsync(host, ct);
        var job = await lab.WaitForEndAsync(host, id, ct);

        Assert.True(ScriptLab.State(job) == JobState.Success, ScriptLab.Result(job));
        Assert.Equal("Sql", job.GetProperty("mode").GetString());
        Assert.Contains("mariadb-check --optimize --skip-write-binlog", ScriptLab.Result(job), StringComparison.Ordinal);
        Assert.True(job.GetProperty("output").GetProperty("lines").GetInt64() > 0);
        var report = await File.ReadAllTextAsync(Path.Combine(lab.ServerFolder(host), "jobs", "optimize.log"), ct);
        Assert.Contains("mysql.", report, StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task ARestartResetsTheServersUptimeAndItsReplicationResumes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ScriptLab.StartAsync("api", ct);
        var host = lab.Lab.Replicas[0];
        long uptimeBefore;
        await using (var before = await LabConnections.OpenAsync(lab.Lab, host, ct))
            uptimeBefore = await before.QueryScalarAsync<long>($"SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'UPTIME'", ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        try
        {
            var id = await lab.StartAsync("restart", host, ct);
            await lab.RunScriptAsync(host, ct);
            var job = await lab.WaitForEndAsync(host, id, ct);

            Assert.True(ScriptLab.State(job) == JobState.Success, ScriptLab.Result(job));
            await using var after = await LabConnections.OpenAsync(lab.Lab, host, ct);
            var uptimeAfter = await after.QueryScalarAsync<long>($"SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'UPTIME'", ct);
            Assert.True(uptimeAfter < uptimeBefore, $"uptime {uptimeAfter}s after the restart, {uptimeBefore}s before");
            await PhysicalBackupRestore.WaitCaughtUpAsync(lab.Lab, host, ct);
        }
        finally
        {
            await LabRecovery.StartAndWaitForReplicationAsync(lab.Lab, host);
        }
    }
}
