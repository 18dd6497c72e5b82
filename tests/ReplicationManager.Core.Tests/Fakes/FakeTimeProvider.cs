namespace ReplicationManager.Core.Tests.Fakes;

/// <summary>
/// A clock that moves only when a test says so; timers (PeriodicTimer and Task.Delay included) fire during
/// <see cref="Advance"/>, in time order, each with the clock at its due time.
/// A small stand-in for Microsoft.Extensions.TimeProvider.Testing, which the package mirror lacks.
/// </summary>
internal sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now = start;
    private long _ticks;

    public FakeTimeProvider() : this(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
            return _now;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_lock)
            return _ticks;
    }

    /// <summary>True when a timer is set to fire at that time: a loop under test has reached that wait.</summary>
    public bool HasTimerDueAt(DateTimeOffset at)
    {
        lock (_lock)
            return _timers.Any(timer => timer.DueAt == at);
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_lock)
            target = _now + by;
        while (true)
        {
            FakeTimer? next;
            lock (_lock)
            {
                next = _timers.Where(timer => timer.DueAt is { } at && at <= target).MinBy(timer => timer.DueAt);
                var until = next?.DueAt ?? target;
                _ticks += (until - _now).Ticks;
                _now = until;
                if (next is null)
                    return;
            }
            next.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_lock)
            _timers.Add(timer);
        return timer;
    }

    private void Forget(FakeTimer timer)
    {
        lock (_lock)
            _timers.Remove(timer);
    }

    private sealed class FakeTimer(FakeTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
            return true;
        }

        public void Fire()
        {
            DueAt = _period is { Ticks: > 0 } period && period != Timeout.InfiniteTimeSpan ? DueAt + period : null;
            callback(state);
        }

        public void Dispose()
        {
            DueAt = null;
            clock.Forget(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
