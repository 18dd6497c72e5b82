namespace ReplicationManager.Core.Tests.Fakes;

/// <summary>
/// A clock that moves only when told: timers (and so Task.Delay with this provider) fire during <see cref="Advance"/>.
/// The NuGet mirror has no Microsoft.Extensions.TimeProvider.Testing, hence this small one.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
            return _now;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>True when a timer is set to fire at that time: a loop under test has reached that wait.</summary>
    public bool HasTimerDueAt(DateTimeOffset at)
    {
        lock (_gate)
            return _timers.Any(timer => timer.DueAt == at);
    }

    /// <summary>Moves the clock forward, firing every timer that comes due on the way, in time order.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
            target = _now + by;
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(timer => timer.DueAt <= target).OrderBy(timer => timer.DueAt).FirstOrDefault();
                if (next is null)
                {
                    _now = target;
                    return;
                }
                _now = next.DueAt!.Value;
            }
            next.Fire();
        }
    }

    private void Register(ManualTimer timer, bool active)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (active)
                _timers.Add(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
            clock.Register(this, DueAt is not null);
            return true;
        }

        public void Fire()
        {
            DueAt = _period is { Ticks: > 0 } period && period != Timeout.InfiniteTimeSpan ? DueAt + period : null;
            clock.Register(this, DueAt is not null);
            callback(state);
        }

        public void Dispose() => clock.Register(this, false);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
