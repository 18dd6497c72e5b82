using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Benchmarks.Monitoring;

/// <summary>
/// Process CPU time and allocations of monitoring per server per tick with 3, 10, 30 and 60 bench lab hosts: the
/// real <see cref="ClusterMonitor"/> (probes, analysis, registry, saved state) ticking back to back on a clock that
/// moves by the default ticker (1 s) per tick, so full readings come as often per tick as in production. The
/// baseline, measured in the same run and the same way, is the least a monitor could do: one <c>SELECT 1</c> per
/// server per tick over persistent connections, in parallel. Each figure is the best of several runs taken in turns
/// with its baseline, so a busy machine slows both alike. Then managed memory per monitored server, and the heap
/// before and after 600 ticks (10 minutes at the default ticker) on the largest size.
/// </summary>
internal static class MonitoringBenchmark
{
    // Process CPU time moves in 10 ms steps on Linux: a run must hold enough probes to be measured, whatever its size.
    private const int ServerTicksPerRun = 6000;
    private const int WarmUpTicks = 100;
    private const int Repeats = 5;
    private const int LongRunTicks = 600;
    private static readonly TimeSpan Ticker = TimeSpan.FromSeconds(1);
    private static readonly int[] Sizes = [3, 10, 30, 60];
    private static readonly int[] Projections = [200, 5000];

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (await BenchLab.FindAsync(cancellationToken) is not { } lab)
        {
            Console.Error.WriteLine($"monitoring: no bench lab; start one with: REPMAN_LAB_DIR={BenchLab.DefaultDirectory} REPMAN_LAB_BASE=100 lab/lab.sh up 60");
            return 1;
        }
        var sizes = Sizes.Where(size => size <= lab.Hosts.Count).ToList();
        if (sizes.Count < 3)
        {
            Console.Error.WriteLine($"monitoring: the bench lab has {lab.Hosts.Count} host(s); it needs at least {Sizes[2]}");
            return 1;
        }
        if (sizes[^1] < Sizes[^1])
            Console.WriteLine($"monitoring: the bench lab has {lab.Hosts.Count} hosts, not {Sizes[^1]}: the larger sizes are projected from the slope");
        Console.WriteLine($"monitoring: {ServerTicksPerRun} probes per run in ticks back to back ({Ticker.TotalSeconds:0} s of clock each), best of {Repeats}, against {lab.Hosts.Count} bench lab hosts ({lab.Hosts[0]}...)");
        var points = new List<Point>();
        foreach (var size in sizes)
        {
            var point = await MeasureAsync(lab, size, cancellationToken);
            points.Add(point);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"monitoring.cpu {size,3} hosts {point.MonitorMs:0.0000} ms/server/tick, {point.AllocatedBytes / 1024.0:0.0} KiB allocated/server/tick, " +
                $"{point.HeapBytes / 1024.0:0} KiB managed memory/server; SELECT 1 floor {point.FloorMs:0.0000} ms/server/tick; ratio {point.MonitorMs / point.FloorMs:0.00}x"));
        }
        var (slope, intercept) = Fit(points.Select(p => ((double)p.Servers, p.MonitorMs * p.Servers)).ToList());
        var (floorSlope, _) = Fit(points.Select(p => ((double)p.Servers, p.FloorMs * p.Servers)).ToList());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"monitoring.slope {slope:0.0000} ms CPU per added server per tick (SELECT 1 floor {floorSlope:0.0000}, ratio {slope / floorSlope:0.00}x), {intercept:0.000} ms per tick fixed"));
        foreach (var servers in Projections)
        {
            var perTick = intercept + slope * servers;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"monitoring.projected {servers,5} servers: {perTick:0.0} ms CPU per tick, {perTick / Ticker.TotalMilliseconds:0.0%} of one core at a {Ticker.TotalSeconds:0} s ticker"));
        }
        await PartsAsync(lab, sizes[^1], cancellationToken);
        await LongRunAsync(lab, sizes[^1], cancellationToken);
        var largest = points[^1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"monitoring cost: {largest.MonitorMs / largest.FloorMs:0.00} x the SELECT 1 floor ({largest.Servers} hosts; slope {slope / floorSlope:0.00}x)"));
        return 0;
    }

    private sealed record Point(int Servers, double MonitorMs, double FloorMs, double AllocatedBytes, double HeapBytes);

    private static async Task<Point> MeasureAsync(BenchLab lab, int size, CancellationToken cancellationToken)
    {
        var hosts = lab.Hosts.Take(size).ToList();
        var datadir = Path.Combine(Path.GetTempPath(), $"repman-bench-monitoring-{Guid.NewGuid():N}");
        var connections = new List<MariaDbConnection>();
        try
        {
            var heapBefore = Heap();
            await using var fleet = await Fleet.StartAsync(lab, hosts, datadir, cancellationToken);
            var heapPerServer = (Heap() - heapBefore) / (double)size;
            foreach (var host in hosts)
                connections.Add(await MariaDbConnection.OpenAsync(ConnectOptions(lab, host), cancellationToken));
            await PingsAsync(connections, WarmUpTicks, cancellationToken);
            var ticks = ServerTicksPerRun / size;
            var (best, bestPing) = (Measurement.Worst, Measurement.Worst);
            for (var repeat = 0; repeat < Repeats; repeat++)
            {
                best = Cheaper(best, await Measurement.TakeAsync(() => fleet.TicksAsync(ticks, cancellationToken)));
                bestPing = Cheaper(bestPing, await Measurement.TakeAsync(() => PingsAsync(connections, ticks, cancellationToken)));
            }
            var perServerTick = (double)ticks * size;
            return new Point(size, best.Cpu.TotalMilliseconds / perServerTick, bestPing.Cpu.TotalMilliseconds / perServerTick,
                best.Allocated / perServerTick, heapPerServer);
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
            Directory.Delete(datadir, recursive: true);
        }
    }

    /// <summary>
    /// What the wire costs alone: each of a probe's two batches sent and read to the end without interpreting it,
    /// against SELECT 1, on the same connections (the rest of a tick is repman's own work).
    /// </summary>
    private static async Task PartsAsync(BenchLab lab, int size, CancellationToken cancellationToken)
    {
        var connections = new List<MariaDbConnection>();
        try
        {
            foreach (var host in lab.Hosts.Take(size))
                connections.Add(await MariaDbConnection.OpenAsync(ConnectOptions(lab, host), cancellationToken));
            var statements = ProbeStatements.For(connections[0].Server);
            SqlStatement[] parts = [$"SELECT 1", statements.Quick(withReplicaHosts: false), statements.Batch(variablesByName: false, withReplicaHosts: false)];
            var best = new double[parts.Length];
            Array.Fill(best, double.MaxValue);
            var ticks = ServerTicksPerRun / size;
            for (var repeat = 0; repeat < Repeats; repeat++)
            {
                for (var part = 0; part < parts.Length; part++)
                {
                    var sql = parts[part];
                    var run = await Measurement.TakeAsync(() => DrainAsync(connections, sql, ticks, cancellationToken));
                    best[part] = Math.Min(best[part], run.Cpu.TotalMilliseconds / ticks / size);
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"monitoring.wire {size} hosts, read to the end and not interpreted: SELECT 1 {best[0]:0.0000} ms, the every-tick batch {best[1]:0.0000} ms ({best[1] / best[0]:0.00}x), " +
                $"the full batch {best[2]:0.0000} ms ({best[2] / best[0]:0.00}x) per server"));
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
        }
    }

    private static async Task DrainAsync(List<MariaDbConnection> connections, SqlStatement sql, int ticks, CancellationToken cancellationToken)
    {
        for (var tick = 0; tick < ticks; tick++)
        {
            await Task.WhenAll(connections.Select(async connection =>
            {
                await using var reader = await connection.ExecuteReaderAsync(sql, cancellationToken);
                do
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
            }));
        }
    }

    /// <summary>The heap after a full collection at the start and the end of 600 ticks: what a long run keeps.</summary>
    private static async Task LongRunAsync(BenchLab lab, int size, CancellationToken cancellationToken)
    {
        var datadir = Path.Combine(Path.GetTempPath(), $"repman-bench-monitoring-{Guid.NewGuid():N}");
        try
        {
            await using var fleet = await Fleet.StartAsync(lab, lab.Hosts.Take(size).ToList(), datadir, cancellationToken);
            var start = Heap();
            var run = await Measurement.TakeAsync(() => fleet.TicksAsync(LongRunTicks, cancellationToken));
            var end = Heap();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"monitoring.memory {size} hosts, {LongRunTicks} ticks ({LongRunTicks * Ticker.TotalSeconds / 60:0} min at a {Ticker.TotalSeconds:0} s ticker, run in {run.Elapsed.TotalSeconds:0.0} s): " +
                $"managed heap {start / 1048576.0:0.00} MiB at the start, {end / 1048576.0:0.00} MiB at the end ({(end - start) / 1024.0:+0;-0} KiB)"));
        }
        finally
        {
            Directory.Delete(datadir, recursive: true);
        }
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>A monitor of some bench lab hosts on a <see cref="SteppedClock"/>, warmed up (JIT tiers, full readings).</summary>
    private sealed class Fleet(ClusterMonitor monitor, SteppedClock clock) : IAsyncDisposable
    {
        public static async Task<Fleet> StartAsync(BenchLab lab, List<string> hosts, string datadir, CancellationToken cancellationToken)
        {
            var options = Options(lab, hosts, datadir);
            var clock = new SteppedClock();
            var registry = new ClusterRegistry(options);
            var monitor = ClusterMonitor.Create(options.Clusters[0], registry, new ServerStateStore(datadir), clock, NullLoggerFactory.Instance);
            var fleet = new Fleet(monitor, clock);
            await fleet.TicksAsync(WarmUpTicks, cancellationToken);
            Check(registry.GetSnapshot(options.Clusters[0].Name)!, hosts.Count);
            return fleet;
        }

        public async Task TicksAsync(int ticks, CancellationToken cancellationToken)
        {
            for (var tick = 0; tick < ticks; tick++)
            {
                clock.Advance(Ticker);
                await monitor.TickAsync(cancellationToken);
            }
        }

        public ValueTask DisposeAsync() => monitor.DisposeAsync();
    }

    private static async Task PingsAsync(List<MariaDbConnection> connections, int ticks, CancellationToken cancellationToken)
    {
        for (var tick = 0; tick < ticks; tick++)
            await Task.WhenAll(connections.Select(c => c.QueryScalarAsync<int>($"SELECT 1", cancellationToken)));
    }

    // A benchmark of a monitor that cannot see the lab would measure failures: stop instead.
    private static void Check(ClusterSnapshot snapshot, int size)
    {
        var unreachable = snapshot.Servers.Where(s => !s.IsReachable).Select(s => $"{s.Address} {s.State} {s.LastError}").ToList();
        if (unreachable.Count > 0 || snapshot.Replicas.Count != size - 1)
            throw new InvalidOperationException($"the bench lab is not healthy: primary {snapshot.PrimaryAddress}, {snapshot.Replicas.Count} replicas; {string.Join("; ", unreachable)}");
    }

    private static Measurement Cheaper(Measurement a, Measurement b) => a.Cpu <= b.Cpu ? a : b;

    /// <summary>Least squares line through (servers, CPU per tick).</summary>
    private static (double Slope, double Intercept) Fit(IReadOnlyList<(double X, double Y)> points)
    {
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return (slope, meanY - slope * meanX);
    }

    private static MariaDbConnectOptions ConnectOptions(BenchLab lab, string host) => new()
    {
        Host = host,
        Port = lab.Port,
        User = lab.User,
        Password = lab.Password,
        Tls = new MariaDbTlsOptions { Mode = MariaDbTlsMode.Disabled },
    };

    internal static RepmanOptions Options(BenchLab lab, List<string> hosts, string datadir)
    {
        var config = Path.Combine(Path.GetTempPath(), $"repman-bench-{Guid.NewGuid():N}.toml");
        File.WriteAllText(config, $"""
            [Default]
            monitoring-datadir = "{datadir}"

            [bench]
            db-servers-hosts = "{string.Join(',', hosts.Select(h => new ServerAddress(h, lab.Port)))}"
            db-servers-credential = "{lab.User}:{lab.Password}"
            """);
        try
        {
            return ConfigurationLoader.Load(config).Options;
        }
        finally
        {
            File.Delete(config);
        }
    }
}
