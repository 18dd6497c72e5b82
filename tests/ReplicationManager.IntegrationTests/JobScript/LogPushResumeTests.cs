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
    [Fact(Timeout = 300_000)]
    public async Task ARunKilledDuringItsLogPushLosesNoLineAndSendsNoneTwice()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ScriptLab.StartAsync("api", ct);
        var host = lab.Lab.Replicas[0];
        using var state = new ScriptStateFolder();
        var id = await lab.StartAsync("backup-physical", host, ct);
        var jobLog = Path.Combine(lab.ServerFolder(host), "jobs", "mariabackup.log");
        var first = Start(lab, host, state.Path);
        // One line per call makes the push long enough to interrupt.
        await Eventually.WaitUntilAsync("part of the log is pushed", TimeSpan.FromSeconds(120), () =>
            Task.FromResult((Lines(jobLog, id).Count >= 30, $"{Lines(jobLog, id).Count} lines")), ct);
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync(ct);
        var output = Path.Combine(state.Path, "log", "mariabackup.out");
        var written = await File.ReadAllLinesAsync(output, ct);
        var pushedBeforeTheKill = Lines(jobLog, id).Count;

        using var second = Start(lab, host, state.Path);
        await second.WaitForExitAsync(ct);

        var received = Lines(jobLog, id);
        Assert.True(pushedBeforeTheKill < written.Length, $"the kill came after the whole log was pushed ({written.Length} lines)");
        Assert.Equal(written, received);
        Assert.False(File.Exists(output), "the second run left the log unpushed");
        await lab.Api.SendAsync(HttpMethod.Post, $"/api/clusters/{ScriptLab.Cluster}/servers/{ScriptLab.Id(host)}/actions/job-cancel/mariabackup", ct);
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

    private static Process Start(ScriptLab lab, LabHost host, string state) =>
        HostScript.Start(lab, host, state, new Dictionary<string, string> { ["REPLICATION_MANAGER_LOG_BATCH_SIZE"] = "1" });
}
