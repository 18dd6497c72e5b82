using System.Diagnostics;
using System.Security.Cryptography;
using ReplicationManager.Core.Jobs;
using ReplicationManager.IntegrationTests.Api;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>
/// The job script's own guards on a database host, run as cron runs it there: one run at a time (a dead run's lock
/// is free again), a disk-space floor before a backup, the digest of a stream when asked, and the upgrade of its copy
/// from repman's.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ScriptOnTheHostTests
{
    [Fact(Timeout = 300_000)]
    public async Task ALiveRunKeepsTheLockAndTheLockOfADeadRunIsTakenOver()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ScriptLab.StartAsync("api", ct);
        var host = lab.Lab.Replicas[0];
        using var state = new ScriptStateFolder();
        var lockFile = Path.Combine(state.Path, "run.lock");
        // --no-fork: the holder is one process, so that its kill frees the lock (a forked sleep would keep it).
        var holder = Process.Start("flock", ["--no-fork", lockFile, "sleep", "600"]);
        try
        {
            await Eventually.WaitUntilAsync("the other run holds the lock", TimeSpan.FromSeconds(10), () =>
                Task.FromResult((File.Exists(lockFile), "")), ct);
            var (refused, said) = await HostScript.RunAsync(lab, host, state.Path, ct);
            Assert.True(refused == 4, $"exit {refused}: {said}");
            Assert.Contains($"another run holds {lockFile}", said, StringComparison.Ordinal);
        }
        finally
        {
            holder.Kill();
            await holder.WaitForExitAsync(ct);
            holder.Dispose();
        }

        // What a run killed with -9 leaves: the file, with the number of a process that is gone.
        await File.WriteAllTextAsync(lockFile, "999999\n", ct);
        var (code, error) = await HostScript.RunAsync(lab, host, state.Path, ct);
        Assert.True(code == 0, $"exit {code}: {error}");
    }

    [Fact(Timeout = 300_000)]
    public async Task ABackupBelowTheDiskFloorEndsInErrorSayingWhyAndSendsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ScriptLab.StartAsync("sql", ct);
        var host = lab.Lab.Replicas[0];
        using var state = new ScriptStateFolder();
        var id = await lab.StartAsync("backup-physical", host, ct);
        var (code, error) = await HostScript.RunAsync(lab, host, state.Path, ct,
            new Dictionary<string, string> { ["DBJOBS_MIN_FREE_MB"] = "100000000" });
        var job = await lab.WaitForEndAsync(host, id, ct);

        Assert.True(code == 1, $"exit {code}: {error}");
        Assert.Equal(JobState.Error, ScriptLab.State(job));
        Assert.Contains("(floor DBJOBS_MIN_FREE_MB=100000000)", ScriptLab.Result(job), StringComparison.Ordinal);
        var folder = lab.BackupFolder(host);
        Assert.True(!Directory.Exists(folder) || Directory.GetFileSystemEntries(folder).Length == 0,
            $"a backup refused for lack of space left {string.Join(", ", Directory.Exists(folder) ? Directory.GetFileSystemEntries(folder) : [])}");
    }

    [Fact(Timeout = 300_000)]
    public async Task WithStreamDigestTheScriptDeclaresTheSha256ThatRepmanReceived()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ScriptLab.StartAsync("api", ct);
        var host = lab.Lab.Replicas[0];
        using var state = new ScriptStateFolder();
        var id = await lab.StartAsync("backup-error-log", host, ct);
        var (code, error) = await HostScript.RunAsync(lab, host, state.Path, ct, new Dictionary<string, string> { ["DBJOBS_STREAM_DIGEST"] = "1" });
        var job = await lab.WaitForEndAsync(host, id, ct);

        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.True(ScriptLab.State(job) == JobState.Success, ScriptLab.Result(job));
        var received = job.GetProperty("sha256").GetString()!;
        Assert.Contains($"sha256={received}", ScriptLab.Result(job), StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task AnOlderCopyOnTheHostReplacesItselfWithRepmansScriptAndRunsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ScriptLab.StartAsync("api", ct);
        var host = lab.Lab.Replicas[0];
        using var state = new ScriptStateFolder();
        var installed = Directory.CreateTempSubdirectory("repman-dbjobs-bin-");
        try
        {
            var copy = Path.Combine(installed.FullName, "dbjobs_new");
            var shipped = await File.ReadAllTextAsync(HostScript.Shipped, ct);
            await File.WriteAllTextAsync(copy, shipped.Replace("\n# EOF", "\n# an older copy\n# EOF", StringComparison.Ordinal), ct);
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var (code, error) = await HostScript.RunAsync(lab, host, state.Path, ct,
                new Dictionary<string, string> { ["DBJOBS_UPGRADE_INTERVAL"] = "3600" }, script: copy);

            Assert.True(code == 0, $"exit {code}: {error}");
            Assert.Contains("upgraded to repman's script", error, StringComparison.Ordinal);
            Assert.Equal(SHA256.HashData(File.ReadAllBytes(HostScript.Shipped)), SHA256.HashData(await File.ReadAllBytesAsync(copy, ct)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(copy));
            Assert.Equal(["dbjobs_new"], Directory.GetFiles(installed.FullName).Select(Path.GetFileName));
        }
        finally
        {
            installed.Delete(recursive: true);
        }
    }
}
