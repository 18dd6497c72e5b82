using System.Diagnostics;

namespace ReplicationManager.Benchmarks.Monitoring;

/// <summary>
/// Real time plus an offset the benchmark moves by a ticker per tick: ticks run back to back, yet whatever the monitor
/// does by elapsed time (a full reading every 10 s) happens as often per tick as it would at that ticker.
/// </summary>
internal sealed class SteppedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override long GetTimestamp() =>
        Stopwatch.GetTimestamp() + (long)(Interlocked.Read(ref _offsetTicks) * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
}
