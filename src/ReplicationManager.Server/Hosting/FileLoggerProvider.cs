using System.Text;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Server.Hosting;

/// <summary>
/// <c>log-file</c>: every line the console gets is also appended to that file, one line per message stamped in UTC (an
/// exception's text follows on its own lines), rotated and pruned by <c>log-rotate-*</c> as replication-manager's log file is.
/// A write that fails (a full disk) is said once on standard error and the console goes on; writing resumes when the
/// file takes lines again.
/// </summary>
internal sealed class FileLoggerProvider(string path, LogRotation rotation, TimeProvider time) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly RotatingLogFile _file = new(path, rotation, time);
    private bool _failing;

    /// <summary>Null when <paramref name="path"/> can be appended to (its folder made if missing); else why not.</summary>
    public static string? WhyNotWritable(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"log-file {path} cannot be written ({ex.Message})";
        }
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
            _file.Dispose();
    }

    private void Write(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        lock (_gate)
        {
            try
            {
                _file.Append(bytes);
                _failing = false;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (!_failing)
                    Console.Error.WriteLine($"repman: cannot write log-file {path}: {ex.Message}; the log goes on on the console only until it can");
                _failing = true;
            }
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var line = new StringBuilder()
                .Append(provider.Now().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss ", System.Globalization.CultureInfo.InvariantCulture))
                .Append(Level(logLevel)).Append(": ").Append(category).Append('[').Append(eventId.Id).Append("] ")
                .Append(formatter(state, exception).ReplaceLineEndings(" "))
                .Append('\n');
            if (exception is not null)
                line.Append(exception).Append('\n');
            provider.Write(line.ToString());
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }

    private DateTimeOffset Now() => time.GetUtcNow();
}
