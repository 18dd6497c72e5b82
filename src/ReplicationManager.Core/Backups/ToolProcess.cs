using System.ComponentModel;
using System.Diagnostics;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// Runs a dump tool without a shell (arguments passed one by one, nothing interpreted), hands its standard output to
/// the caller as a stream, and keeps the tail of its error output. Cancellation kills the tool and its children.
/// </summary>
internal static class ToolProcess
{
    /// <param name="executable">The tool.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="readOutput">Consumes standard output to its end; an exception from it kills the tool and is rethrown.</param>
    /// <param name="errors">Receives each line of the tool's error output.</param>
    /// <param name="onErrorLine">Called with each kept (redacted) error line, for the debug log.</param>
    /// <param name="cancellationToken">Kills the tool.</param>
    /// <param name="environment">Variables added to the tool's environment (a secret it reads from there).</param>
    public static async Task<ToolExit> RunAsync(string executable, IReadOnlyList<string> arguments,
        Func<Stream, CancellationToken, Task> readOutput, OutputTail errors, Action<string>? onErrorLine, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = new Process { StartInfo = StartInfo(executable, arguments, environment) };
        if (Start(process, errors) is { } notStarted)
            return notStarted;
        process.StandardInput.Close();

        var errorReader = ReadErrorsAsync(process.StandardError, errors, onErrorLine);
        try
        {
            await readOutput(process.StandardOutput.BaseStream, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await errorReader;
            return new ToolExit(process.ExitCode, null, errors);
        }
        catch
        {
            Kill(process);
            await errorReader.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>
    /// Runs a tool with <paramref name="input"/> as its standard input (<c>mbstream -x &lt; file</c>) and its output
    /// discarded; the exit code, or why it did not start, and the tail of its error and normal output.
    /// </summary>
    public static async Task<ToolExit> RunWithInputAsync(string executable, IReadOnlyList<string> arguments, Stream input, OutputTail errors, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(executable, arguments) };
        if (Start(process, errors) is { } notStarted)
            return notStarted;
        var errorReader = ReadErrorsAsync(process.StandardError, errors, null);
        var outputReader = ReadErrorsAsync(process.StandardOutput, errors, null);
        try
        {
            await input.CopyToAsync(process.StandardInput.BaseStream, cancellationToken);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
            await Task.WhenAll(errorReader, outputReader);
            return new ToolExit(process.ExitCode, null, errors);
        }
        catch (IOException) when (process.HasExited)
        {
            // The tool stopped reading (it failed): its exit code and errors say why.
            await process.WaitForExitAsync(cancellationToken);
            await Task.WhenAll(errorReader, outputReader);
            return new ToolExit(process.ExitCode, null, errors);
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    /// <summary>Runs a tool for a short answer (<c>--version</c>, <c>--help</c>): its standard output, or null when it failed.</summary>
    public static async Task<string?> ReadAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        string? output = null;
        try
        {
            var exit = await RunAsync(executable, arguments, async (stream, ct) =>
            {
                using var reader = new StreamReader(stream);
                output = await reader.ReadToEndAsync(ct);
            }, new OutputTail([]), null, deadline.Token);
            return exit.Started ? output : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static ProcessStartInfo StartInfo(string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        return start;
    }

    /// <summary>Starts the tool; null when it runs, else the exit of a tool that could not be run, saying why.</summary>
    private static ToolExit? Start(Process process, OutputTail errors)
    {
        try
        {
            process.Start();
            return null;
        }
        catch (Win32Exception ex)
        {
            return new ToolExit(null, $"cannot run {process.StartInfo.FileName}: {ex.Message}", errors);
        }
    }

    private static async Task ReadErrorsAsync(StreamReader reader, OutputTail errors, Action<string>? onErrorLine)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            var kept = errors.Add(line);
            onErrorLine?.Invoke(kept);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // It ended on its own between the check and the kill.
        }
    }
}
