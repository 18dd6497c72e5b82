using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ReplicationManager.IntegrationTests.LocalTaskLab;

/// <summary>Keeps every log line (debug included) so that a test can check what was logged, and what never was.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)} {exception?.Message}");
}
