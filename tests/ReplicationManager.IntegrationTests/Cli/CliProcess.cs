using System.Diagnostics;

namespace ReplicationManager.IntegrationTests.Cli;

/// <summary>The real replication-manager-cli executable, run to its end with a token cache of the test's own.</summary>
internal sealed class CliProcess(string tokenCache)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public string TokenCache { get; } = tokenCache;

    public async Task<CliRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "replication-manager-cli.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["REPLICATION_MANAGER_CLI_TOKENS"] = TokenCache;
        start.Environment.Remove("REPLICATION_MANAGER_PASSWORD");
        using var process = Process.Start(start)!;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"replication-manager-cli {string.Join(' ', args)} did not end within {Deadline}");
        }
        return new CliRun(process.ExitCode, await output, await error);
    }
}

/// <summary>How a run ended: its exit code and what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
