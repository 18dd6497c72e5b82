using ReplicationManager.Core.Jobs;

namespace ReplicationManager.IntegrationTests.JobScript;

/// <summary>The SSH runner against the lab's real sshd: the environment block, host keys, refusals.</summary>
public sealed class SshRunnerTests
{
    [Fact(Timeout = 180_000)]
    public async Task AHostilePasswordReachesTheScriptIntactAndRunsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var marker = Path.Combine(Path.GetTempPath(), "repman-injected-" + Guid.NewGuid().ToString("N"));
        var password = $"'\"$(touch {marker})`touch {marker}`;\nsecond line \\ end";
        var work = Directory.CreateTempSubdirectory("repman-env-");
        try
        {
            // A custom script (onpremise-ssh-db-job-script) gets the same environment: this one writes it down.
            var script = Path.Combine(work.FullName, "print-env.sh");
            await File.WriteAllTextAsync(script, $"""
                #!/usr/bin/env bash
                set -Eeuo pipefail
                printf '%s' "$MYSQL_ROOT_PASSWORD" > {work.FullName}/password
                printf '%s' "$REPLICATION_MANAGER_HOST_PASSWORD" > {work.FullName}/host-password
                env | grep -c '^REPLICATION_MANAGER_' > {work.FullName}/count
                printf '%s\n' "$REPLICATION_MANAGER_URL" "$REPLICATION_MANAGER_URL_HOST" "$REPLICATION_MANAGER_URL_PORT" "$REPLICATION_MANAGER_HOST_NAME" "$REPLICATION_MANAGER_HOST_PORT" "$REPLICATION_MANAGER_HOST_USER" "$REPLICATION_MANAGER_CLUSTER_NAME" "$REPLICATION_MANAGER_USER" > {work.FullName}/values
                """, ct);
            await using var lab = await ScriptLab.StartAsync("api", ct, $"onpremise-ssh-db-job-script = \"{script}\"", credential: $"repman:{password}");
            var host = lab.Lab.Replicas[0];

            var run = await lab.RunScriptAsync(host, ct);

            Assert.Equal(JobState.Success, ScriptLab.State(run));
            Assert.Equal(password, await File.ReadAllTextAsync(Path.Combine(work.FullName, "password"), ct));
            Assert.Equal(password, await File.ReadAllTextAsync(Path.Combine(work.FullName, "host-password"), ct));
            Assert.False(File.Exists(marker), "a command in the password ran");
            Assert.Equal(
                [$"https://127.0.0.1:{lab.Config.ApiPort}", "127.0.0.1", lab.Config.ApiPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    host.Address, "3306", "repman", ScriptLab.Cluster, "dbjobs-system"],
                await File.ReadAllLinesAsync(Path.Combine(work.FullName, "values"), ct));
            Assert.True(int.Parse(await File.ReadAllTextAsync(Path.Combine(work.FullName, "count"), ct), System.Globalization.CultureInfo.InvariantCulture) >= 10);
            Assert.Contains("dbjobs_new exited 0", ScriptLab.Result(run), StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
            File.Delete(marker);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task AHostKeyIsPinnedAtFirstContactAndAChangedOneRefusesTheRun()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ScriptLab.StartAsync("api", ct, knownHosts: false);
        var host = lab.Lab.Replicas[0];
        var pins = Path.Combine(lab.Config.Datadir, "ssh_known_hosts");

        var first = await lab.RunScriptAsync(host, ct);
        Assert.Equal(JobState.Success, ScriptLab.State(first));
        var pinned = await File.ReadAllTextAsync(pins, ct);
        Assert.StartsWith($"{host.Address} ssh-ed25519 ", pinned, StringComparison.Ordinal);
        Assert.Contains("pinned at first contact", lab.Repman.Output, StringComparison.Ordinal);

        // Another key for the host, as after a reinstall or a man in the middle; the open session is dropped by a restart.
        await File.WriteAllTextAsync(pins, $"{host.Address} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKq8z9XbIHnVBYqfPbOXwFwJ0y0dQwVQ1cPjQqE6kLDm\n", ct);
        await lab.RestartAsync(ct);
        var second = await lab.RunScriptAsync(host, ct);

        Assert.Equal(JobState.Error, ScriptLab.State(second));
        Assert.Contains("is not the one", ScriptLab.Result(second), StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task AHostTheKnownHostsFileDoesNotListIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var knownHosts = Path.GetTempFileName();
        try
        {
            var lab0 = Lab.LabEnvironment.Require();
            var others = (await File.ReadAllLinesAsync(lab0.SshKnownHostsPath, ct)).Where(line => !line.StartsWith(lab0.Replicas[0].Address + " ", StringComparison.Ordinal));
            await File.WriteAllLinesAsync(knownHosts, others, ct);
            await using var lab = await ScriptLab.StartAsync("api", ct, $"onpremise-ssh-known-hosts = \"{knownHosts}\"", knownHosts: false);

            var run = await lab.RunScriptAsync(lab.Lab.Replicas[0], ct);

            Assert.Equal(JobState.Error, ScriptLab.State(run));
            Assert.Contains("is unknown", ScriptLab.Result(run), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(knownHosts);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task AKnownHostsFileHashedBySshKeygenIsRead()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = Directory.CreateTempSubdirectory("repman-hashed-known-hosts-");
        try
        {
            var lab0 = Lab.LabEnvironment.Require();
            var knownHosts = Path.Combine(work.FullName, "known_hosts");
            File.Copy(lab0.SshKnownHostsPath, knownHosts);
            using (var hash = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ssh-keygen", ["-H", "-f", knownHosts]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
            {
                await hash.WaitForExitAsync(ct);
                Assert.Equal(0, hash.ExitCode);
            }
            Assert.All(await File.ReadAllLinesAsync(knownHosts, ct), line => Assert.StartsWith("|1|", line, StringComparison.Ordinal));
            await using var lab = await ScriptLab.StartAsync("api", ct, $"onpremise-ssh-known-hosts = \"{knownHosts}\"", knownHosts: false);

            var run = await lab.RunScriptAsync(lab.Lab.Replicas[0], ct);

            Assert.Equal(JobState.Success, ScriptLab.State(run));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task ARefusedConnectionIsAClearJobError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await ScriptLab.StartAsync("api", ct, $"onpremise-ssh-port = {Api.FreePorts.Next()}");

        var run = await lab.RunScriptAsync(lab.Lab.Replicas[0], ct);

        Assert.Equal(JobState.Error, ScriptLab.State(run));
        Assert.Contains($"root@{lab.Lab.Replicas[0].Address}", ScriptLab.Result(run), StringComparison.Ordinal);
        Assert.Contains("refused", ScriptLab.Result(run), StringComparison.OrdinalIgnoreCase);
    }
}
