using System.Diagnostics;

namespace ReplicationManager.IntegrationTests.Monitoring;

/// <summary>The real replication-manager entry point refuses a broken configuration with file, line and key, and exit code 2.</summary>
public sealed class BrokenConfigurationTests : IDisposable
{
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"repman-broken-{Guid.NewGuid():N}.toml");

    public void Dispose() => File.Delete(_config);

    [Fact(Timeout = 60_000)]
    public async Task ExitsWithTwoAndNamesFileLineAndKey()
    {
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(_config, """
            [Default]
            monitoring-ticker = "often"

            [lab]
            db-servers-hosts = "127.0.0.11:3306"
            failover-falsepositive-ping-counter = 0
            """, ct);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "replication-manager.dll"));
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(_config);

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);

        var errors = await stderr;
        Assert.True(process.ExitCode == 2, $"exit code {process.ExitCode}; stderr: {errors}; stdout: {await stdout}");
        Assert.Contains($"{_config}:2:", errors, StringComparison.Ordinal);
        Assert.Contains("monitoring-ticker", errors, StringComparison.Ordinal);
        Assert.Contains($"{_config}:6:", errors, StringComparison.Ordinal);
        Assert.Contains("failover-falsepositive-ping-counter", errors, StringComparison.Ordinal);
        Assert.Contains("db-servers-credential", errors, StringComparison.Ordinal);
    }
}
