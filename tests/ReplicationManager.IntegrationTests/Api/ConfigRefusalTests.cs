using System.Diagnostics;

namespace ReplicationManager.IntegrationTests.Api;

/// <summary>The real executable, given a configuration with errors, names every one with file:line:key and exits 2.</summary>
public sealed class ConfigRefusalTests
{
    [Fact(Timeout = 60_000)]
    public async Task ABadConfigurationIsRefusedWithEveryErrorAndExitCodeTwo()
    {
        var ct = TestContext.Current.CancellationToken;
        using var config = new RepmanTestConfig("""
            [refused]
            db-servers-hosts = "127.0.0.254:3306"
            db-servers-credential = "repman:unused"
            monitoring-tiker = 3
            monitoring-ticker = "often"
            failover-time-limit = 1099511627776
            scheduler-db-servers-logical-backup-cron = "0 0 25 * * *"
            """);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "replication-manager.dll"));
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config.ConfigPath);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);

        Assert.Equal(2, process.ExitCode);
        var lines = File.ReadAllLines(config.ConfigPath);
        string At(string key) => $"{config.ConfigPath}:{Array.FindIndex(lines, line => line.TrimStart().StartsWith(key + " ", StringComparison.Ordinal)) + 1}:";
        Assert.Contains($"{At("monitoring-tiker")}1: monitoring-tiker: unknown key; did you mean monitoring-ticker?", stderr, StringComparison.Ordinal);
        Assert.Contains($"{At("monitoring-ticker")}", stderr, StringComparison.Ordinal);
        Assert.Contains("monitoring-ticker: expected a whole number, got a string", stderr, StringComparison.Ordinal);
        Assert.Contains("failover-time-limit: 1099511627776 is out of range", stderr, StringComparison.Ordinal);
        Assert.Contains("hour field: 25 is out of range 0-23", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr + await stdout, StringComparison.Ordinal);
    }
}
