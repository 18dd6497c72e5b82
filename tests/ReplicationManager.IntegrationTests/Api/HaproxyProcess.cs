using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ReplicationManager.IntegrationTests.Api;

/// <summary>
/// A real HAProxy (Debian's package), run unprivileged in the foreground as lab-notes describe
/// (<c>setpriv --reuid=haproxy ... haproxy -db -f CFG</c>), killed by PID when disposed. Its stats socket tells the
/// test what each health check decided.
/// </summary>
internal sealed class HaproxyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HaproxyProcess(Process process, string directory)
    {
        _process = process;
        Directory = directory;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    public string Directory { get; }

    public string SocketPath => Path.Combine(Directory, "haproxy.sock");

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Writes <paramref name="config"/> (with <c>{socket}</c> replaced) into its own directory and starts HAProxy on it.</summary>
    public static async Task<HaproxyProcess> StartAsync(string config, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "repman-haproxy-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var configPath = Path.Combine(directory, "haproxy.cfg");
        // HAProxy refuses a file whose last line has no line feed.
        await File.WriteAllTextAsync(configPath, config.Replace("{socket}", Path.Combine(directory, "haproxy.sock"), StringComparison.Ordinal) + "\n", cancellationToken);
        // HAProxy runs as the haproxy user: it reads the file and creates its stats socket in the directory.
        await RunAsync("chown", cancellationToken, "-R", "haproxy:haproxy", directory);

        var start = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--reuid=haproxy", "--regid=haproxy", "--clear-groups", "haproxy", "-db", "-f", configPath })
            start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start };
        var haproxy = new HaproxyProcess(process, directory);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.WaitUntilAsync("HAProxy's stats socket exists", TimeSpan.FromSeconds(20), () =>
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"haproxy exited ({process.ExitCode}):\n{haproxy.Output}");
                return Task.FromResult((File.Exists(haproxy.SocketPath), haproxy.Output));
            }, cancellationToken);
        }
        catch
        {
            await haproxy.DisposeAsync();
            throw;
        }
        return haproxy;
    }

    /// <summary>The status (UP, DOWN, ...) of each server of each proxy, from <c>show stat</c>.</summary>
    public async Task<IReadOnlyDictionary<(string Proxy, string Server), string>> ServerStatesAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
        await socket.SendAsync("show stat\n"u8.ToArray(), cancellationToken);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream);
        var csv = await reader.ReadToEndAsync(cancellationToken);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('#', ' ').Split(',');
        var status = Array.IndexOf(header, "status");
        return lines.Skip(1)
            .Select(line => line.Split(','))
            .Where(fields => fields.Length > status && fields[1] is not ("FRONTEND" or "BACKEND"))
            .ToDictionary(fields => (fields[0], fields[1]), fields => fields[status]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private static async Task RunAsync(string program, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}");
    }
}
