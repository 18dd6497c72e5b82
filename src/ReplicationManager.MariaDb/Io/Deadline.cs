using System.Diagnostics;

namespace ReplicationManager.MariaDb.Io;

/// <summary>
/// A point in time by which an operation must finish. It is a plain value so that the common case (data already
/// buffered) costs nothing; a timer exists only while the client actually waits on the network.
/// </summary>
internal readonly struct Deadline
{
    private readonly long _startTimestamp;

    private Deadline(long startTimestamp, TimeSpan timeout, IoOperation operation)
    {
        _startTimestamp = startTimestamp;
        Timeout = timeout;
        Operation = operation;
    }

    public TimeSpan Timeout { get; }

    public IoOperation Operation { get; }

    public bool IsInfinite => Timeout == System.Threading.Timeout.InfiniteTimeSpan;

    public static Deadline Start(TimeSpan timeout, IoOperation operation) =>
        new(Stopwatch.GetTimestamp(), timeout, operation);

    public TimeSpan Remaining
    {
        get
        {
            if (IsInfinite)
                return System.Threading.Timeout.InfiniteTimeSpan;
            var remaining = Timeout - Stopwatch.GetElapsedTime(_startTimestamp);
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }

    /// <summary>A source that cancels when the deadline passes or the caller cancels; null when neither can happen.</summary>
    public CancellationTokenSource? CreateTokenSource(CancellationToken cancellationToken)
    {
        if (IsInfinite)
            return cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
        var source = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : new CancellationTokenSource();
        source.CancelAfter(Remaining);
        return source;
    }

    public MariaDbTimeoutException Expired(string endpoint, Exception? innerException = null) =>
        new($"{Describe(Operation, endpoint)} timed out after {FormatDuration(Timeout)}", Operation.ToString(), Timeout, innerException);

    internal static string Describe(IoOperation operation, string endpoint) => operation switch
    {
        IoOperation.Connect => $"connect to {endpoint}",
        IoOperation.Query => $"query on {endpoint}",
        IoOperation.Read => $"reading results from {endpoint}",
        IoOperation.Ping => $"ping of {endpoint}",
        _ => $"closing the connection to {endpoint}",
    };

    internal static string FormatDuration(TimeSpan duration) => duration switch
    {
        _ when duration == System.Threading.Timeout.InfiniteTimeSpan => "infinity",
        { TotalSeconds: >= 1 } when duration.Ticks % TimeSpan.TicksPerSecond == 0 => $"{(long)duration.TotalSeconds}s",
        { TotalSeconds: >= 1 } => $"{duration.TotalSeconds:0.###}s",
        _ => $"{duration.TotalMilliseconds:0.###}ms",
    };
}
