using System.Diagnostics;

namespace ReplicationManager.MariaDb.Io;

/// <summary>
/// Enforces a deadline and the caller's cancellation on the one pending read or write of a transport by closing
/// the stream, which fails the pending operation at once. Reads and writes that complete without waiting never arm
/// it, so the common case costs no timer and no allocation. Closing is the right response anyway: after a timeout or
/// a cancellation mid-exchange the protocol state is unknown and the connection is broken.
/// </summary>
internal sealed class IoWatchdog(Action abort) : IDisposable
{
    private readonly Lock _lock = new();
    private Timer? _timer;
    private long _expiresAt;
    private State _state;
    private CancellationToken _watchedToken;
    private CancellationTokenRegistration _registration;

    private enum State
    {
        /// <summary>No operation is pending.</summary>
        Idle,

        /// <summary>An operation is pending under a deadline or a token.</summary>
        Watching,

        /// <summary>The stream was closed; it stays closed.</summary>
        Fired,
    }

    /// <summary>Why the stream was closed, if the watchdog closed it.</summary>
    public IoAbortReason Reason { get; private set; }

    public void Watch(Deadline deadline, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_state != State.Idle)
                return;
            _state = State.Watching;
            _watchedToken = cancellationToken;
            if (!deadline.IsInfinite)
            {
                var remaining = deadline.Remaining;
                _expiresAt = Stopwatch.GetTimestamp() + (long)(remaining.TotalSeconds * Stopwatch.Frequency);
                _timer ??= new Timer(static state => ((IoWatchdog)state!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
                _timer.Change(remaining, Timeout.InfiniteTimeSpan);
            }
        }
        if (cancellationToken.CanBeCanceled)
            _registration = cancellationToken.UnsafeRegister(static (state, token) => ((IoWatchdog)state!).OnCancelled(token), this);
    }

    /// <summary>
    /// Ends the watch of an operation; true when the watchdog fired meanwhile (the stream is closed, or about to be,
    /// even if the operation itself completed just before: the caller must not report success).
    /// </summary>
    public bool Stop()
    {
        bool fired;
        lock (_lock)
        {
            if (_state == State.Watching)
                _state = State.Idle;
            fired = _state == State.Fired;
            _watchedToken = default;
            _timer?.Change(Timeout.Infinite, Timeout.Infinite);
        }
        _registration.Unregister();
        _registration = default;
        return fired;
    }

    public void Dispose() => _timer?.Dispose();

    private void OnTimer()
    {
        lock (_lock)
        {
            if (_state != State.Watching)
                return;
            // Timers may fire a little early, or late for an earlier watch: only a deadline that has passed counts.
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _expiresAt);
            if (remaining > TimeSpan.Zero)
            {
                _timer!.Change(remaining + TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
                return;
            }
            _state = State.Fired;
            Reason = IoAbortReason.Timeout;
        }
        abort();
    }

    private void OnCancelled(CancellationToken token)
    {
        lock (_lock)
        {
            if (_state != State.Watching || token != _watchedToken)
                return;
            _state = State.Fired;
            Reason = IoAbortReason.Cancelled;
        }
        abort();
    }
}
