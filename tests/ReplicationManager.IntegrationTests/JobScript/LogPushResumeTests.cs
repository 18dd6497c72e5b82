using System.Diagnostics;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>
/// A run of the job script killed halfway through pushing its log: the next run sends the rest from its checkpoint,
/// and repman holds every line once, in order (the batches are numbered, so one sent again is taken once).
/// </summary>
public sealed class LogPushResumeTests
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "share", "dbjobs", "dbjobs_new");

    [Fact(Timeout = 300_000)]
    public async Task ARunKilledDuringItsLogPushLosesNoLineAndSendsNoneTwice()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ScriptLab.StartAsync("api", ct);
        var host = lab.Lab.Replicas[0];
        var state = Directory.CreateTempSubdirectory("repman-dbjobs-state-");
        try
        {
            var id = await lab.StartAsync("backup-physical", host, ct);
            var jobLog = Path.Combine(lab.ServerFolder(host), "jobs", "mariabackup.log");
            var first = Start(lab, host, state.FullName);
            // One line per call makes the push long enough to interrupt.
            await Eventually.WaitUntilAsync("part of the log is pushed", TimeSpan.FromSeconds(120), () =>
                Task.FromResult((Lines(jobLog, id).Count >= 30, $"{Lines(jobLog, id).Count} lines")), ct);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(ct);
            var output = Path.Combine(state.FullName, "log", "mariabackup.out");
            var written = await File.ReadAllLinesAsync(output, ct);
            var pushedBeforeTheKill = Lines(jobLog, id).Count;

            using var second = Start(lab, host, state.FullName);
            await second.WaitForExitAsync(ct);

            var received = Lines(jobLog, id);
            Assert.True(pushedBeforeTheKill < written.Length, $"the kill came after the whole log was pushed ({written.Length} lines)");
            Assert.Equal(written, received);
            Assert.False(File.Exists(output), "the second run left the log unpushed");
            await lab.Api.SendAsync(HttpMethod.Post, $"/api/clusters/{ScriptLab.Cluster}/servers/{ScriptLab.Id(host)}/actions/job-cancel/mariabackup", ct);
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    /// <summary>The job's lines in repman's job log, without the time, job and level repman put before each.</summary>
    private static List<string> Lines(string jobLog, long id)
    {
        if (!File.Exists(jobLog))
            return [];
        var marker = $" job {id} ";
        var lines = new List<string>();
        using var reader = new StreamReader(new FileStream(jobLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { } line)
        {
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
                continue;
            var rest = line[(at + marker.Length)..];
            lines.Add(rest[(rest.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        }
        return lines;
    }

    private static Process Start(ScriptLab lab, LabHost host, string state)
    {
        var start = new ProcessStartInfo("bash");
        start.ArgumentList.Add(Script);
        start.Environment["REPLICATION_MANAGER_URL"] = lab.Config.ApiUrl;
        start.Environment["REPLICATION_MANAGER_URL_HOST"] = "127.0.0.1";
        start.Environment["REPLICATION_MANAGER_HOST_NAME"] = host.Address;
        start.Environment["REPLICATION_MANAGER_HOST_PORT"] = host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["REPLICATION_MANAGER_HOST_USER"] = lab.Lab.RepmanUser;
        start.Environment["REPLICATION_MANAGER_HOST_PASSWORD"] = lab.Lab.RepmanPassword;
        start.Environment["REPLICATION_MANAGER_CLUSTER_NAME"] = ScriptLab.Cluster;
        start.Environment["REPLICATION_MANAGER_LOG_BATCH_SIZE"] = "1";
        start.Environment["DBJOBS_STATE_DIR"] = state;
        start.Environment["DBJOBS_MIN_FREE_MB"] = "64";
        start.Environment["DBJOBS_UPGRADE_INTERVAL"] = "0";
        return Process.Start(start)!;
    }
}
