using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Benchmarks.Monitoring;

/// <summary>
/// Process CPU time of monitoring per server per tick, with 3, 10 and 30 lab hosts: the real <see cref="ClusterMonitor"/>
/// (probes, analysis, registry, saved state) ticking back to back. The baseline, measured in the same run and the same
/// way, is the least a monitor could do: one <c>SELECT 1</c> per server per tick over persistent connections, in parallel.
/// Each figure is the best of several runs, taken in turns with its baseline, so a busy machine slows both alike.
/// </summary>
internal static class MonitoringBenchmark
{
    private const int Ticks = 30;
    private const int WarmUpTicks = 5;
    private const int Repeats = 5;
    private const double TargetMs = 1.0;
    private static readonly int[] Sizes = [3, 10, 30];

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (await BenchLab.FindAsync(cancellationToken) is not { } lab)
        {
            Console.Error.WriteLine($"monitoring: no bench lab; start one with: REPMAN_LAB_DIR={BenchLab.DefaultDirectory} REPMAN_LAB_BASE=100 lab/lab.sh up 30");
            return 1;
        }
        var sizes = Sizes.Where(size => size <= lab.Hosts.Count).ToList();
        if (sizes.Count < 2)
        {
            Console.Error.WriteLine($"monitoring: the bench lab has {lab.Hosts.Count} host(s); it needs at least {Sizes[1]}");
            return 1;
        }
        Console.WriteLine($"monitoring: {Ticks} ticks back to back per run, best of {Repeats}, against {lab.Hosts.Count} bench lab hosts ({lab.Hosts[0]}...)");
        var points = new List<(int Servers, double MonitorMs, double PingMs)>();
        foreach (var size in sizes)
        {
            var (monitor, ping) = await MeasureAsync(lab, size, cancellationToken);
            var monitorMs = monitor.Cpu.TotalMilliseconds / Ticks / size;
            var pingMs = ping.Cpu.TotalMilliseconds / Ticks / size;
            points.Add((size, monitorMs, pingMs));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"monitoring.cpu {size,3} hosts {monitorMs:0.000} ms/server/tick ({monitor.Allocated / Ticks / size / 1024} KiB allocated), " +
                $"bare ping {pingMs:0.000} ms/server/tick, ratio to bare ping {monitorMs / pingMs:0.0}x"));
        }
        var (slope, intercept) = Fit(points.Select(p => ((double)p.Servers, p.MonitorMs * p.Servers)).ToList());
        var (pingSlope, _) = Fit(points.Select(p => ((double)p.Servers, p.PingMs * p.Servers)).ToList());
        var worst = points.Max(p => p.MonitorMs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"monitoring.slope {slope:0.000} ms CPU per added server per tick (bare ping {pingSlope:0.000}, ratio {slope / pingSlope:0.0}x), {intercept:0.000} ms per tick fixed"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"monitoring.target <= {TargetMs:0.0} ms/server/tick: {(worst <= TargetMs ? "met" : "NOT met")} (worst {worst:0.000})"));
        return 0;
    }

    private static async Task<(Measurement Monitor, Measurement Ping)> MeasureAsync(BenchLab lab, int size, CancellationToken cancellationToken)
    {
        var hosts = lab.Hosts.Take(size).ToList();
        var datadir = Path.Combine(Path.GetTempPath(), $"repman-bench-monitoring-{Guid.NewGuid():N}");
        var options = Options(lab, hosts, datadir);
        var registry = new ClusterRegistry(options);
        await using var monitor = ClusterMonitor.Create(options.Clusters[0], registry, new ServerStateStore(datadir), TimeProvider.System, NullLoggerFactory.Instance);
        var connections = new List<MariaDbConnection>();
        try
        {
            foreach (var host in hosts)
                connections.Add(await MariaDbConnection.OpenAsync(ConnectOptions(lab, host), cancellationToken));
            await TicksAsync(monitor, WarmUpTicks, cancellationToken);
            await PingsAsync(connections, WarmUpTicks, cancellationToken);
            Check(registry.GetSnapshot(options.Clusters[0].Name)!, size);
            var (best, bestPing) = (Measurement.Worst, Measurement.Worst);
            for (var repeat = 0; repeat < Repeats; repeat++)
            {
                best = Cheaper(best, await Measurement.TakeAsync(() => TicksAsync(monitor, Ticks, cancellationToken)));
                bestPing = Cheaper(bestPing, await Measurement.TakeAsync(() => PingsAsync(connections, Ticks, cancellationToken)));
            }
            return (best, bestPing);
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
            Directory.Delete(datadir, recursive: true);
        }
    }

    private static async Task TicksAsync(ClusterMonitor monitor, int ticks, CancellationToken cancellationToken)
    {
        for (var tick = 0; tick < ticks; tick++)
            await monitor.TickAsync(cancellationToken);
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

    private static RepmanOptions Options(BenchLab lab, IReadOnlyList<string> hosts, string datadir)
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
