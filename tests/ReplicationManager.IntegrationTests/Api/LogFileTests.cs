namespace ReplicationManager.IntegrationTests.Api;

/// <summary><c>log-file</c> on the real executable: what the console shows also lands in the file.</summary>
public sealed class LogFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("repman-log-file-");

    [Fact(Timeout = 120_000)]
    public async Task TheLogGoesToLogFileToo()
    {
        var ct = TestContext.Current.CancellationToken;
        var logFile = Path.Combine(_folder.FullName, "logs", "replication-manager.log");
        using var config = new RepmanTestConfig(globalExtra: $"log-file = \"{logFile}\"");

        await using (var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, config.HttpPort, ct))
        {
            using var http = new HttpClient();
            Assert.True((await http.GetAsync($"{config.CheckUrl}/api/status", ct)).IsSuccessStatusCode);
        }

        var lines = await File.ReadAllLinesAsync(logFile, ct);
        Assert.Contains(lines, line => line.Contains(" info: ", StringComparison.Ordinal));
        Assert.All(lines.Where(line => line.Length > 0 && char.IsDigit(line[0])), line => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (trce|dbug|info|warn|fail|crit): \S+\[\d+\] ", line));
    }

    [Fact(Timeout = 60_000)]
    public async Task ALogFileThatCannotBeWrittenStopsTheStartWithTheReasonAndExitCodeThree()
    {
        var ct = TestContext.Current.CancellationToken;
        // A folder in the way of the file.
        var logFile = Path.Combine(_folder.FullName, "taken");
        Directory.CreateDirectory(logFile);
        using var config = new RepmanTestConfig(globalExtra: $"log-file = \"{logFile}\"");
        await using var repman = await RepmanServerProcess.StartAsync(config.ConfigPath, null, ct);

        var exitCode = await repman.WaitForExitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal(3, exitCode);
        Assert.Contains($"repman cannot start: log-file {logFile} cannot be written (", repman.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", repman.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
