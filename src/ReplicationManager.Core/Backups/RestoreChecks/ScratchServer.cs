using System.Diagnostics;
using System.Globalization;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Options;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Backups.RestoreChecks;

/// <summary>
/// A throwaway mariadbd on the repman host for a restore check: its own data directory, a loopback address and port,
/// no grant checks (a logical backup holds no users), replication not started, a server id no cluster uses. It is
/// stopped and its data deleted when disposed, whatever happened.
/// </summary>
internal sealed class ScratchServer : IAsyncDisposable
{
    private const long ServerId = 4294967000;
    private readonly Process _process;

    private ScratchServer(Process process, string directory, RestoreCheckOptions options)
    {
        _process = process;
        Directory = directory;
        Options = options;
    }

    public string Directory { get; }

    public RestoreCheckOptions Options { get; }

    public string ErrorLog => Path.Combine(Directory, "error.log");

    /// <summary>Starts mariadbd on <paramref name="dataDirectory"/> (inside <paramref name="directory"/>), owned by mysql when repman runs as root.</summary>
    public static async Task<ScratchServer> StartAsync(RestoreCheckOptions options, string directory, string dataDirectory, CancellationToken cancellationToken)
    {
        if (Environment.UserName == "root")
        {
            var chown = await ToolProcess.RunWithInputAsync("chown", ["-R", "mysql:", directory], Stream.Null, new OutputTail([]), cancellationToken);
            if (!chown.Succeeded)
                throw new IOException($"chown -R mysql {directory} failed: {chown.Errors}");
        }
        var start = new ProcessStartInfo(options.MariadbdPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--no-defaults", $"--datadir={dataDirectory}", $"--bind-address={options.Address}", $"--port={options.Port.ToString(CultureInfo.InvariantCulture)}",
            $"--socket={Path.Combine(directory, "mariadbd.sock")}", $"--pid-file={Path.Combine(directory, "mariadbd.pid")}",
            $"--log-error={Path.Combine(directory, "error.log")}", "--skip-grant-tables", "--skip-slave-start", "--skip-log-bin",
            $"--server-id={ServerId.ToString(CultureInfo.InvariantCulture)}", "--innodb-buffer-pool-size=64M", "--performance-schema=OFF",
            "--user=mysql",
        })
            start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new IOException($"cannot run {options.MariadbdPath} (backup-restore-check-mariadbd-path): {ex.Message}", ex);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ScratchServer(process, directory, options);
    }

    /// <summary>A session once the server answers; null when it exited or did not answer within <paramref name="within"/>.</summary>
    public async Task<MariaDbConnection?> ConnectAsync(MonitoringOptions monitoring, TimeSpan within, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + within;
        while (time.GetUtcNow() < deadline && !_process.HasExited)
        {
            try
            {
                return await MariaDbConnection.OpenAsync(DatabaseConnections.For(monitoring, Options.Address, Options.Port, TimeSpan.FromMinutes(10), "repman-restore-check"),
                    cancellationToken);
            }
            catch (MariaDbException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
            }
        }
        return null;
    }

    /// <summary>The last lines of its error log, to say why it did not start.</summary>
    public string ErrorTail()
    {
        try
        {
            return string.Join(" | ", File.ReadLines(ErrorLog).TakeLast(5));
        }
        catch (IOException)
        {
            return "no error log";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Gone already, or it will be reaped with repman; its folder goes below either way.
        }
        finally
        {
            _process.Dispose();
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // The next check starts by deleting it.
            }
        }
    }
}
