using Microsoft.Extensions.Logging;

namespace ReplicationManager.Core.Tests.Fakes;

/// <summary>A logger that keeps every line, for tests that check what an operator would read.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly Lock _lock = new();
    private readonly List<LogRecord> _records = [];

    public IReadOnlyList<LogRecord> Records
    {
        get
        {
            lock (_lock)
                return _records.ToList();
        }
    }

    /// <summary>Lines above Debug, as an operator sees them at the default level.</summary>
    public IReadOnlyList<LogRecord> Visible => Records.Where(r => r.Level > LogLevel.Debug).ToList();

    public void Clear()
    {
        lock (_lock)
            _records.Clear();
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lock)
            _records.Add(new LogRecord(logLevel, eventId, formatter(state, exception)));
    }
}
