using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ReplicationManager.IntegrationTests.Monitoring;

/// <summary>A logger provider that keeps every formatted line (and echoes it to the test's output).</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, int EventId, string Message)> _lines = new();

    public IReadOnlyList<(LogLevel Level, int EventId, string Message)> Lines => _lines.ToList();

    public IReadOnlyList<string> Messages(int eventId) => _lines.Where(l => l.EventId == eventId).Select(l => l.Message).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            logs._lines.Enqueue((logLevel, eventId.Id, message));
            if (logLevel > LogLevel.Debug)
                TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {logLevel}: {message}");
        }
    }
}
