using System.Text.Json;
using ReplicationManager.Cli;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.Cli;

/// <summary>replication-manager-cli, the real executable, against the real repman on the lab.</summary>
public sealed class CliAgainstTheLabTests : IDisposable
{
    private const string Cluster = "cli";
    private readonly string _tokens = Path.Combine(Path.GetTempPath(), $"repman-cli-{Guid.NewGuid():N}", "tokens.json");

    [Fact(Timeout = 300_000)]
    public async Task StatusTopologyAndServerAnswerAndTheTokenIsCachedForTheUserOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        using var config = new RepmanTestConfig(RepmanTestConfig.LabCluster(lab, Cluster));
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        var cli = new CliProcess(_tokens);

        var status = await cli.RunAsync(ct, [.. Connect(config), "--password", RepmanTestConfig.AdminPassword, "status"]);
        Assert.True(status.ExitCode == ExitCodes.Ok, status.ToString());
        Assert.Contains($"{Cluster}", status.Output, StringComparison.Ordinal);
        Assert.Contains($"{lab.Primary.Address}:{lab.Primary.Port}", status.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_tokens));

        // No password from here on: the cached token is enough.
        var topology = await cli.RunAsync(ct, [.. Connect(config), "topology"]);
        Assert.True(topology.ExitCode == ExitCodes.Ok, topology.ToString());
        foreach (var host in lab.Hosts)
            Assert.Contains(host.Address, topology.Output, StringComparison.Ordinal);
        var json = await cli.RunAsync(ct, [.. Connect(config), "--json", "topology"]);
        Assert.Equal(lab.Hosts.Count, JsonDocument.Parse(json.Output).RootElement.GetArrayLength());

        var replica = lab.Replicas[0];
        var server = await cli.RunAsync(ct, [.. Connect(config), "server", "--id", $"{replica.Address}:{replica.Port}"]);
        Assert.True(server.ExitCode == ExitCodes.Ok, server.ToString());
        Assert.Contains("Slave", server.Output, StringComparison.Ordinal);
        Assert.Contains($"replicating from {lab.Primary.Address}:{lab.Primary.Port}", server.Output, StringComparison.Ordinal);
        var sessions = await cli.RunAsync(ct, [.. Connect(config), "server", "--id", $"{lab.Primary.Address}:{lab.Primary.Port}", "--get", "processlist"]);
        Assert.Contains("Binlog Dump", sessions.Output, StringComparison.Ordinal);

        var on = await cli.RunAsync(ct, [.. Connect(config), "server", "--id", $"{replica.Address}:{replica.Port}", "--set", "maintenance=on"]);
        Assert.Contains("maintenance on", on.Output, StringComparison.Ordinal);
        var off = await cli.RunAsync(ct, [.. Connect(config), "server", "--id", $"{replica.Address}:{replica.Port}", "--set", "maintenance=off"]);
        Assert.Contains("maintenance off", off.Output, StringComparison.Ordinal);

        var events = await cli.RunAsync(ct, [.. Connect(config), "--json", "events", "--max", "3"]);
        Assert.Equal(["hello", "clusters", "servers"], events.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("type").GetString()));

        var objects = await cli.RunAsync(ct, [.. Connect(config), "show", "--get", "master,alerts"]);
        var shown = JsonDocument.Parse(objects.Output).RootElement;
        Assert.Equal($"{lab.Primary.Address}:{lab.Primary.Port}", shown.GetProperty("master").GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Array, shown.GetProperty("alerts").GetProperty("warnings").ValueKind);
        var raw = await cli.RunAsync(ct, [.. Connect(config), "api", "--url", $"https://127.0.0.1:{config.ApiPort}/api/clusters/{Cluster}/topology/master"]);
        Assert.Equal($"{lab.Primary.Address}:{lab.Primary.Port}", JsonDocument.Parse(raw.Output).RootElement.GetProperty("url").GetString());
        var version = await cli.RunAsync(ct, "version");
        Assert.StartsWith("replication-manager-cli (repman) ", version.Output, StringComparison.Ordinal);

        var show = await cli.RunAsync(ct, [.. Connect(config), "config", "show", "--changed"]);
        Assert.Contains("db-servers-hosts", show.Output, StringComparison.Ordinal);
        Assert.Contains("********", show.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(lab.RepmanPassword, show.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task ABackupIsFollowedToItsEndAndListedWithTheSchedule()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        using var config = new RepmanTestConfig(RepmanTestConfig.LabCluster(lab, Cluster));
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        var cli = new CliProcess(_tokens);
        var replica = lab.Replicas[^1];

        var backup = await cli.RunAsync(ct, [.. Connect(config), "--password", RepmanTestConfig.AdminPassword, "backup", "--server", $"{replica.Address}:{replica.Port}", "--wait"]);
        Assert.True(backup.ExitCode == ExitCodes.Ok, backup.ToString());
        Assert.Matches(@"started job \d+: mysqldump on ", backup.Output);
        Assert.Matches(@"job \d+ mysqldump on [0-9.:]+: success \(backup completed", backup.Output);

        var jobs = await cli.RunAsync(ct, [.. Connect(config), "jobs", "--limit", "5"]);
        Assert.Contains("mysqldump", jobs.Output, StringComparison.Ordinal);
        Assert.Contains("success", jobs.Output, StringComparison.Ordinal);
        // Nothing runs now: --follow ends at once, successfully.
        var follow = await cli.RunAsync(ct, [.. Connect(config), "jobs", "--follow"]);
        Assert.True(follow.ExitCode == ExitCodes.Ok, follow.ToString());
        var logs = await cli.RunAsync(ct, [.. Connect(config), "logs", "--server", $"{replica.Address}:{replica.Port}", "--task", "errorlog"]);
        Assert.True(logs.ExitCode == ExitCodes.Ok, logs.ToString());
        Assert.Contains("nothing collected yet", logs.Error, StringComparison.Ordinal);
        var badLog = await cli.RunAsync(ct, [.. Connect(config), "logs", "--server", $"{replica.Address}:{replica.Port}", "--task", "passwd"]);
        Assert.Equal(ExitCodes.Failed, badLog.ExitCode);
        Assert.Contains("not a collected log", badLog.Error, StringComparison.Ordinal);

        const string Task = "scheduler-db-servers-logical-backup";
        var disabled = await cli.RunAsync(ct, [.. Connect(config), "--json", "schedule", "disable", Task]);
        Assert.False(Enabled(disabled, Task));
        var enabled = await cli.RunAsync(ct, [.. Connect(config), "--json", "schedule", "enable", Task]);
        Assert.True(Enabled(enabled, Task));
        var badCron = await cli.RunAsync(ct, [.. Connect(config), "schedule", "set-cron", Task + "-cron", "61 * * * * *"]);
        Assert.Equal(ExitCodes.Failed, badCron.ExitCode);
        Assert.Contains("61", badCron.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task EachFailureHasItsExitCodeAndSaysWhatToDoNext()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        using var config = new RepmanTestConfig(RepmanTestConfig.LabCluster(lab, Cluster));
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct);
        var cli = new CliProcess(_tokens);

        var untrusted = await cli.RunAsync(ct, ["--port", $"{config.ApiPort}", "--password", RepmanTestConfig.AdminPassword, "status"]);
        Assert.Equal(ExitCodes.Unreachable, untrusted.ExitCode);
        Assert.Contains("next: pass --cert", untrusted.Error, StringComparison.Ordinal);
        var pinned = await cli.RunAsync(ct, ["--port", $"{config.ApiPort}", "--cert", Path.Combine(config.Datadir, "api-selfsigned-cert.pem"), "--password", RepmanTestConfig.AdminPassword, "status"]);
        Assert.True(pinned.ExitCode == ExitCodes.Ok, pinned.ToString());

        var wrong = await cli.RunAsync(ct, [.. Connect(config), "--user", "nobody", "--password", "wrong", "status"]);
        Assert.Equal(ExitCodes.LoginRefused, wrong.ExitCode);
        Assert.Contains("next: check --user and --password", wrong.Error, StringComparison.Ordinal);
        var closed = await cli.RunAsync(ct, ["--port", $"{FreePorts.Next()}", "--insecure", "status"]);
        Assert.Equal(ExitCodes.Unreachable, closed.ExitCode);
        Assert.Contains("is it running?", closed.Error, StringComparison.Ordinal);

        var unknown = await cli.RunAsync(ct, [.. Connect(config), "--cluster", "nope", "topology"]);
        Assert.Equal(ExitCodes.NotFound, unknown.ExitCode);
        Assert.Contains($"clusters: {Cluster}", unknown.Error, StringComparison.Ordinal);
        var failover = await cli.RunAsync(ct, [.. Connect(config), "failover", "--dry-run"]);
        Assert.Equal(ExitCodes.Refused, failover.ExitCode);
        Assert.Contains("refused: the primary is Master", failover.Output, StringComparison.Ordinal);
        var switchover = await cli.RunAsync(ct, [.. Connect(config), "switchover", "--dry-run", "--db-servers-prefered-master", $"{lab.Replicas[0].Address}:{lab.Replicas[0].Port}"]);
        Assert.True(switchover.ExitCode == ExitCodes.Ok, switchover.ToString());
        Assert.Contains($"-> {lab.Replicas[0].Address}:{lab.Replicas[0].Port}", switchover.Output, StringComparison.Ordinal);
        Assert.Contains("Promote", switchover.Output, StringComparison.Ordinal);

        var usage = await cli.RunAsync(ct, ["topology", "--no-such-flag"]);
        Assert.Equal(ExitCodes.Usage, usage.ExitCode);
        Assert.Contains("--no-such-flag", usage.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task ConfigCheckNamesFileLineAndKeyOfEveryErrorAndPrintDefaultsReadsBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = new CliProcess(_tokens);
        var folder = Path.GetDirectoryName(_tokens)!;
        Directory.CreateDirectory(folder);
        var bad = Path.Combine(folder, "bad.toml");
        await File.WriteAllTextAsync(bad, "[Default]\nmonitoring-ticker = \"often\"\n\n[east]\ndb-servers-hosts = \"127.0.0.11:3306\"\nscheduler-db-servers-logical-backup-cron = \"0 0 25 * * *\"\n", ct);

        var check = await cli.RunAsync(ct, "config", "check", bad);
        Assert.Equal(ExitCodes.Failed, check.ExitCode);
        Assert.Contains($"{bad}:2:21: error: monitoring-ticker:", check.Output, StringComparison.Ordinal);
        Assert.Contains($"{bad}:6:", check.Output, StringComparison.Ordinal);
        Assert.Contains("scheduler-db-servers-logical-backup-cron", check.Output, StringComparison.Ordinal);

        var defaults = await cli.RunAsync(ct, "print-defaults");
        var file = Path.Combine(folder, "defaults.toml");
        await File.WriteAllTextAsync(file, defaults.Output + "\n[east]\ndb-servers-hosts = \"127.0.0.11:3306\"\ndb-servers-credential = \"u:p\"\n", ct);
        var readBack = await cli.RunAsync(ct, "config", "check", file);
        Assert.True(readBack.ExitCode == ExitCodes.Ok, readBack.ToString());
        var good = await cli.RunAsync(ct, "config", "check", Path.Combine(Dashboard.DashboardBrowser.RepositoryRoot(), "etc", "lab.toml"));
        Assert.True(good.ExitCode == ExitCodes.Ok, good.ToString());
    }

    public void Dispose()
    {
        var folder = Path.GetDirectoryName(_tokens)!;
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    private static bool Enabled(CliRun run, string task) =>
        JsonDocument.Parse(run.Output).RootElement.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("name").GetString() == task).GetProperty("enabled").GetBoolean();

    private static string[] Connect(RepmanTestConfig config) => ["--port", $"{config.ApiPort}", "--insecure"];
}
