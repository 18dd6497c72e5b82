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
/// server: the log-fetch task (errorlog and slowquery on each host) on 10 and 30 hosts of the bench lab
/// (<c>bench jobs</c>). Baseline measured in the same run: one parallel round of SELECT 1 to the same hosts.
/// </summary>
internal static class JobDispatchBenchmark
{
    private const int Rounds = 7;
    private static readonly int[] HostCounts = [10, 30];

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var lab = await BenchLab.FindAsync(cancellationToken);
        if (lab is null || lab.Hosts.Count < 10)
        {
            Console.Error.WriteLine("bench jobs: needs the bench lab: REPMAN_LAB_DIR=/tmp/repman-bench-lab REPMAN_LAB_BASE=100 lab/lab.sh up 30");
            return 1;
        }
        foreach (var count in HostCounts.Where(count => count <= lab.Hosts.Count))
            await MeasureAsync(lab, count, cancellationToken);
        return 0;
    }

    private static async Task MeasureAsync(BenchLab lab, int count, CancellationToken cancellationToken)
    {
        var datadir = Path.Combine(Path.GetTempPath(), "repman-bench-jobs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(datadir);
        try
        {
            var cluster = Options(lab, count, datadir);
            var registry = StaticClusterRegistry.Healthy(cluster.Name, cluster.Monitoring.Hosts);
            await using var jobs = await ClusterJobs.CreateAsync(cluster, datadir, 10005, registry, new ServerStateStore(datadir), _ => null,
                TimeProvider.System, NullLoggerFactory.Instance, "bench", cancellationToken);
            await DispatchAsync(jobs, cancellationToken);
            var dispatch = new List<TimeSpan>();
            for (var round = 0; round < Rounds; round++)
                dispatch.Add(await DispatchAsync(jobs, cancellationToken));
            var ping = await PingRoundAsync(lab, count, cancellationToken);
            var median = dispatch.Order().ElementAt(Rounds / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"jobs.dispatch  {count,2} hosts  {2 * count,2} rows present in {median.TotalMilliseconds,6:0.0} ms (median of {Rounds}; target < 100 ms)   baseline parallel SELECT 1 {ping.TotalMilliseconds,5:0.0} ms   ratio {median / ping,5:0.0}x"));
        }
        finally
        {
            Directory.Delete(datadir, recursive: true);
        }
    }

    /// <summary>Fires the log-fetch task, waits until every row is released with its receiver port, then cancels the jobs.</summary>
    private static async Task<TimeSpan> DispatchAsync(ClusterJobs jobs, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var submissions = await jobs.Runner.StartAllAsync(jobs.Name, "scheduler-db-servers-logs", cancellationToken);
        while (jobs.Engine.Active.Any(job => job.State != JobState.Pending || job.Port == 0))
            await Task.Yield();
        var elapsed = watch.Elapsed;
        foreach (var job in submissions.Select(submission => submission.Job!))
            await jobs.Engine.CancelAsync(job.Target, job.Task, cancellationToken);
        return elapsed;
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

    private static ClusterOptions Options(BenchLab lab, int count, string datadir)
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
        return ConfigurationLoader.Load(path).Options.Clusters[0];
    }
}
