using System.Diagnostics;

namespace ReplicationManager.Benchmarks.Client;

/// <summary>
/// The <c>mariadb</c> command-line client as a baseline. Credentials go through a 0600 defaults file, never the
/// command line; TLS is off on both sides so that the comparison is of the clients, not of the cipher.
/// </summary>
internal sealed class MariaDbCli : IDisposable
{
    private readonly LabTarget _target;
    private readonly string _defaultsFile;

    public MariaDbCli(LabTarget target)
    {
        _target = target;
        _defaultsFile = Path.Combine(Path.GetTempPath(), $"repman-bench-{Environment.ProcessId}.cnf");
        // Created with mode 0600 from the start, so the password is never readable by others.
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(_defaultsFile, create);
        writer.Write($"[client]\nuser={target.User}\npassword={target.Password}\n");
    }

    /// <summary>Wall time of one <c>mariadb</c> process running the SQL in <paramref name="scriptPath"/>, output discarded.</summary>
    public Task<TimeSpan> RunScriptAsync(string scriptPath, CancellationToken cancellationToken) =>
        RunAsync(["--batch", "--skip-column-names"], scriptPath, cancellationToken);

    /// <summary>Wall time of <c>mariadb --batch --quick -e SQL</c>, output discarded.</summary>
    public Task<TimeSpan> RunQueryAsync(string sql, CancellationToken cancellationToken) =>
        RunAsync(["--batch", "--quick", "-e", sql], null, cancellationToken);

    public void Dispose() => File.Delete(_defaultsFile);

    private async Task<TimeSpan> RunAsync(string[] arguments, string? stdinPath, CancellationToken cancellationToken)
    {
        // bash does the redirections, as a shell user would; its own start is part of both runs and cancels out.
        var command = $"exec mariadb --defaults-extra-file={_defaultsFile} -h {_target.Host} -P {_target.Port} --skip-ssl "
            + string.Join(' ', arguments.Select(Quote)) + (stdinPath is null ? "" : $" < {Quote(stdinPath)}") + " > /dev/null";
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = watch.Elapsed;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"mariadb exited {process.ExitCode}: {await errors}");
        return elapsed;
    }

    private static string Quote(string argument) => $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
