using System.Diagnostics;
using System.Text;

namespace ReplicationManager.IntegrationTests.Api;

/// <summary>
/// The real replication-manager executable, started with a configuration of the test's own (its ports, its data
/// directory), waited for through its check port, and killed by PID when disposed.
/// </summary>
internal sealed class RepmanServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output;
    private int _disposed;

    private RepmanServerProcess(Process process, StringBuilder output, string configPath)
    {
        _process = process;
        _output = output;
        ConfigPath = configPath;
    }

    public string ConfigPath { get; }

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts repman; when <paramref name="checkPort"/> is given, returns once it answers there.</summary>
    public static async Task<RepmanServerProcess> StartAsync(string configPath, int? checkPort, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The runtime's diagnostic socket and debugger pipes in /tmp are removed only by a clean exit; these processes
        // end by SIGKILL, which left three files each behind (about 660 per run of the suite).
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "replication-manager.dll"));
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configPath);
        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RepmanServerProcess(process, output, configPath);
        if (checkPort is { } port)
        {
            try
            {
                await server.WaitUntilAnsweringAsync(port, cancellationToken);
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
        return server;
    }

    /// <summary>Waits for a line of repman's output containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"repman exited ({_process.ExitCode}) before writing '{text}':\n{Output}");
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"repman did not write '{text}' within {StartTimeout}:\n{Output}");
            }
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to end by itself; its exit code, or null if it still runs.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Kills the process (SIGKILL, as kill -9: no shutdown code runs); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
    }

    /// <summary>Returns once repman answers on its check port; throws when it exited or did not answer in time.</summary>
    public async Task WaitUntilAnsweringAsync(int checkPort, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"repman exited ({_process.ExitCode}) during its start:\n{Output}");
            try
            {
                using (var response = await http.GetAsync($"http://127.0.0.1:{checkPort}/api/status", deadline.Token))
                {
                    if (response.IsSuccessStatusCode)
                        return;
                }
                await Task.Delay(100, deadline.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !deadline.IsCancellationRequested))
            {
                // Not listening yet, or one slow answer: try again until the deadline.
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"repman did not answer on port {checkPort} within {StartTimeout}:\n{Output}");
            }
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }
}
