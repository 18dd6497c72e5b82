using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Benchmarks.Monitoring;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Benchmarks.Jobs;

/// <summary>
/// Time from a scheduler firing to the job rows present (released to the job script, receiver listening) on every
/// server: the log-fetch task (errorlog and slowquery on each host) on 10, 30 and 60 hosts of the bench lab
/// (<c>bench jobs</c>), after one real monitoring pass, with the slope per host and the time at 200 hosts (measured when the lab has them, else
/// projected from the slope). Baseline measured in the same run: one parallel round of SELECT 1 to the same hosts.
/// </summary>
internal static class JobDispatchBenchmark
{
    private const int Rounds = 7;
    private const int Fleet = 200;
    private static readonly int[] HostCounts = [10, 30, 60, Fleet];

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var lab = await BenchLab.FindAsync(cancellationToken);
        if (lab is null || lab.Hosts.Count < 10)
        {
            Console.Error.WriteLine("bench jobs: needs the bench lab: REPMAN_LAB_DIR=/tmp/repman-bench-lab REPMAN_LAB_BASE=100 lab/lab.sh up 30");
            return 1;
        }
        var points = new List<(int Hosts, double Ms)>();
        foreach (var count in HostCounts.Where(count => count <= lab.Hosts.Count))
            points.Add((count, (await MeasureAsync(lab, count, cancellationToken)).TotalMilliseconds));
        var (slope, intercept) = Fit(points);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"jobs.slope {slope:0.00} ms per added host ({string.Join(", ", points.Select(p => $"{p.Hosts} hosts {p.Ms:0.0} ms"))}), {intercept:0.0} ms fixed"));
        var measured = points.Find(p => p.Hosts == Fleet);
        Console.WriteLine(measured.Hosts == Fleet
            ? string.Create(CultureInfo.InvariantCulture, $"dispatch: {measured.Ms:0.0} ms at {Fleet} hosts")
            : string.Create(CultureInfo.InvariantCulture, $"dispatch: projected {intercept + slope * Fleet:0.0} ms at {Fleet} hosts (the bench lab has {lab.Hosts.Count})"));
        return 0;
    }

    private static async Task<TimeSpan> MeasureAsync(BenchLab lab, int count, CancellationToken cancellationToken)
    {
        var datadir = Path.Combine(Path.GetTempPath(), "repman-bench-jobs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(datadir);
        try
        {
            var options = Options(lab, count, datadir);
            var cluster = options.Clusters[0];
            // One real monitoring pass first: the jobs see its snapshot, and each server's serverstate.json holds what
            // production's does (variables, status), which every save of a server's job history rewrites.
            var registry = new ClusterRegistry(options);
            var states = new ServerStateStore(datadir);
            await using (var monitor = ClusterMonitor.Create(cluster, registry, states, TimeProvider.System, NullLoggerFactory.Instance))
                await monitor.TickAsync(cancellationToken);
            if (registry.GetSnapshot(cluster.Name)!.Servers.Where(server => !server.IsReachable).Select(server => $"{server.Address}: {server.LastError}").ToList() is { Count: > 0 } down)
                throw new InvalidOperationException($"the bench lab is not healthy: {string.Join("; ", down)}");
            var stateBytes = cluster.Monitoring.Hosts.Average(host => new FileInfo(states.PathOf(cluster.Name, host)).Length);
            await using var jobs = await ClusterJobs.CreateAsync(cluster, datadir, 10005, registry, states, _ => null,
                TimeProvider.System, NullLoggerFactory.Instance, "bench", cancellationToken);
            await CancelAsync(jobs, (await DispatchAsync(jobs, 2 * count, cancellationToken)).Submissions, cancellationToken);
            var present = new List<TimeSpan>();
            var presentCpu = new List<TimeSpan>();
            var presentAllocated = new List<long>();
            var dispatch = new List<TimeSpan>();
            var cpu = new List<TimeSpan>();
            for (var round = 0; round < Rounds; round++)
            {
                // A firing starts from a quiet repman: the last round's cancels are over.
                await Task.Delay(100, cancellationToken);
                (IReadOnlyList<JobSubmission> Submissions, TimeSpan RowsPresent, TimeSpan CpuToRowsPresent, long AllocatedToRowsPresent) fired = ([], TimeSpan.Zero, TimeSpan.Zero, 0);
                var measured = await Measurement.TakeAsync(async () => fired = await DispatchAsync(jobs, 2 * count, cancellationToken));
                present.Add(fired.RowsPresent);
                presentCpu.Add(fired.CpuToRowsPresent);
                presentAllocated.Add(fired.AllocatedToRowsPresent);
                dispatch.Add(measured.Elapsed);
                cpu.Add(measured.Cpu);
                await CancelAsync(jobs, fired.Submissions, cancellationToken);
            }
            var ping = await PingRoundAsync(lab, count, cancellationToken);
            var median = present.Order().ElementAt(Rounds / 2);
            var recorded = dispatch.Order().ElementAt(Rounds / 2);
            var cpuPerHost = cpu.Order().ElementAt(Rounds / 2) / count;
            var rowsCpuPerHost = presentCpu.Order().ElementAt(Rounds / 2) / count;
            var rowsAllocatedPerHost = presentAllocated.Order().ElementAt(Rounds / 2) / count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"jobs.dispatch {count,3} hosts {2 * count,3} rows present in {median.TotalMilliseconds,6:0.0} ms (median of {Rounds}; histories saved at {recorded.TotalMilliseconds:0.0} ms)   baseline parallel SELECT 1 {ping.TotalMilliseconds,5:0.0} ms   ratio {median / ping,5:0.0}x   repman CPU {cpuPerHost.TotalMilliseconds:0.00} ms per host ({rowsCpuPerHost.TotalMilliseconds:0.00} to the rows present, {rowsAllocatedPerHost / 1024.0:0.0} KiB allocated)   serverstate.json {stateBytes / 1024:0} KiB"));
            return median;
        }
        finally
        {
            Directory.Delete(datadir, recursive: true);
        }
    }

    /// <summary>
    /// Fires the log-fetch task; the time until all <paramref name="rows"/> jobs are pending on their boards with their
    /// receiver's port (the rows present), with repman's CPU and the bytes it allocated up to then, and the submissions
    /// once the firing returned (histories saved).
    /// </summary>
    private static async Task<(IReadOnlyList<JobSubmission> Submissions, TimeSpan RowsPresent, TimeSpan CpuToRowsPresent, long AllocatedToRowsPresent)> DispatchAsync(ClusterJobs jobs, int rows,
        CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var firing = jobs.Runner.StartAllAsync(jobs.Name, "scheduler-db-servers-logs", cancellationToken);
        while (true)
        {
            // Woken by each job's move (not polled, which would take a core from the work measured).
            var changed = jobs.Engine.History.Changes.Next;
            var active = jobs.Engine.Active;
            if (active.Count >= rows && active.All(job => job.State == JobState.Pending && job.Port != 0))
                break;
            if (firing.IsCompleted)
            {
                await firing; // a firing that failed says why
                throw new InvalidOperationException($"the firing returned with {active.Count} of {rows} jobs in flight: {string.Join("; ", active.Where(job => job.State != JobState.Pending || job.Port == 0).Select(job => $"{job.Target} {job.Task} {job.State} {job.WaitingFor}"))}");
            }
            await Task.WhenAny(changed.WaitAsync(cancellationToken), firing);
        }
        var present = watch.Elapsed;
        var allocatedToPresent = GC.GetTotalAllocatedBytes() - allocated;
        process.Refresh();
        var cpuToPresent = process.TotalProcessorTime - cpu;
        return (await firing, present, cpuToPresent, allocatedToPresent);
    }

    private static async Task CancelAsync(ClusterJobs jobs, IReadOnlyList<JobSubmission> submissions, CancellationToken cancellationToken)
    {
        foreach (var job in submissions.Select(submission => submission.Job!))
            await jobs.Engine.CancelAsync(job.Target, job.Task, cancellationToken);
    }

    private static async Task<TimeSpan> PingRoundAsync(BenchLab lab, int count, CancellationToken cancellationToken)
    {
        var connections = await Task.WhenAll(lab.Hosts.Take(count).Select(host => MariaDbConnection.OpenAsync(
            new MariaDbConnectOptions { Host = host, Port = lab.Port, User = lab.User, Password = lab.Password }, cancellationToken)));
        try
        {
            var best = TimeSpan.MaxValue;
            for (var round = 0; round < Rounds; round++)
            {
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(connections.Select(connection => connection.QueryScalarAsync<long>($"SELECT 1", cancellationToken)));
                var elapsed = watch.Elapsed;
                best = elapsed < best ? elapsed : best;
            }
            return best;
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
        }
    }

    /// <summary>Least squares line through (hosts, milliseconds).</summary>
    private static (double Slope, double Intercept) Fit(List<(int Hosts, double Ms)> points)
    {
        var meanX = points.Average(p => (double)p.Hosts);
        var meanY = points.Average(p => p.Ms);
        var slope = points.Sum(p => (p.Hosts - meanX) * (p.Ms - meanY)) / points.Sum(p => (p.Hosts - meanX) * (p.Hosts - meanX));
        return (slope, meanY - slope * meanX);
    }

    private static RepmanOptions Options(BenchLab lab, int count, string datadir)
    {
        var path = Path.Combine(datadir, "config.toml");
        File.WriteAllText(path, $"""
            [Default]
            monitoring-datadir = "{datadir}"
            [bench]
            db-servers-hosts = "{string.Join(",", lab.Hosts.Take(count).Select(host => $"{host}:{lab.Port}"))}"
            db-servers-credential = "{lab.User}:{lab.Password}"
            monitoring-address = "127.0.0.1"
            """);
        return ConfigurationLoader.Load(path).Options;
    }
}
