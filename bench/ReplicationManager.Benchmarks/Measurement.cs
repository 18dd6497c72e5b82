using System.Diagnostics;

namespace ReplicationManager.Benchmarks;

/// <summary>Wall time, process CPU time and managed allocations of one run of some work.</summary>
internal readonly record struct Measurement(TimeSpan Elapsed, TimeSpan Cpu, long Allocated)
{
    public static Measurement Worst { get; } = new(TimeSpan.MaxValue, TimeSpan.MaxValue, long.MaxValue);

    public static async Task<Measurement> TakeAsync(Func<Task> work)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        await work();
        var elapsed = watch.Elapsed;
        process.Refresh();
        return new(elapsed, process.TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    /// <summary>The faster of two runs.</summary>
    public static Measurement Best(Measurement a, Measurement b) => a.Elapsed <= b.Elapsed ? a : b;
}
