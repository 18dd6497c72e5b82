using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.Monitoring;

/// <summary>
/// The real monitoring loop over the lab's three hosts, with a short ticker, real probes and captured logs. Tests wait
/// for conditions on the published snapshots (with a deadline), never for a fixed time.
/// </summary>
internal sealed class MonitoredLab : IAsyncDisposable
{
    public static readonly TimeSpan Ticker = TimeSpan.FromMilliseconds(300);

    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;
    private readonly ILoggerFactory _loggers;

    private MonitoredLab(LabEnvironment lab, RepmanOptions options, ServerStateStore? store, CancellationToken cancellationToken)
    {
        Lab = lab;
        Options = options;
        Registry = new ClusterRegistry(options);
        _loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        Monitor = ClusterMonitor.Create(options.Clusters[0], Registry, store, TimeProvider.System, _loggers);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = Monitor.RunAsync(_stop.Token);
    }

    public LabEnvironment Lab { get; }

    public RepmanOptions Options { get; }

    public ClusterRegistry Registry { get; }

    public ClusterMonitor Monitor { get; }

    public CapturedLogs Logs { get; } = new();

    public string Cluster => Options.Clusters[0].Name;

    public ClusterSnapshot Snapshot => Registry.GetSnapshot(Cluster)!;

    /// <summary>Starts monitoring the lab; <paramref name="datadir"/> turns serverstate.json on.</summary>
    public static MonitoredLab Start(LabEnvironment lab, CancellationToken cancellationToken, string? datadir = null, int failCount = 3)
    {
        var options = LabOptions(lab, datadir ?? "/tmp/repman-unused", failCount);
        return new MonitoredLab(lab, options, datadir is null ? null : new ServerStateStore(datadir), cancellationToken);
    }

    public static RepmanOptions LabOptions(LabEnvironment lab, string datadir, int failCount)
    {
        var config = Path.Combine(Path.GetTempPath(), $"repman-monitoring-{Guid.NewGuid():N}.toml");
        File.WriteAllText(config, $"""
            [Default]
            monitoring-datadir = "{datadir}"

            [lab]
            db-servers-hosts = "{string.Join(',', lab.Hosts.Select(h => $"{h.Address}:{h.Port}"))}"
            db-servers-credential = "{lab.RepmanUser}:{lab.RepmanPassword}"
            db-servers-connect-timeout = 2
            monitoring-query-timeout = 2000
            failover-falsepositive-ping-counter = {failCount}
            """);
        try
        {
            var options = ConfigurationLoader.Load(config).Options;
            // monitoring-ticker counts whole seconds; tests tick faster so that they wait less.
            var cluster = options.Clusters[0] with { Monitoring = options.Clusters[0].Monitoring with { Ticker = Ticker } };
            return options with { Clusters = [cluster] };
        }
        finally
        {
            File.Delete(config);
        }
    }

    public ServerSnapshot Server(LabHost host) => Snapshot.Find(new ServerAddress(host.Address, host.Port))!;

    /// <summary>Waits until a snapshot satisfies the condition; fails with the last snapshot when the deadline passes.</summary>
    public async Task<ClusterSnapshot> WaitUntilAsync(Func<ClusterSnapshot, bool> condition, string what, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            while (true)
            {
                var snapshot = Snapshot;
                if (snapshot.Tick > 0 && condition(snapshot))
                    return snapshot;
                await Task.Delay(Ticker / 3, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"not {what} within {deadline.TotalSeconds} s; last snapshot (tick {Snapshot.Tick}):{Environment.NewLine}{Describe(Snapshot)}");
            throw;
        }
    }

    public static string Describe(ClusterSnapshot snapshot) =>
        string.Join(Environment.NewLine, snapshot.Servers.Select(s =>
            $"  {s.Address} {s.State} ({s.StateReason}) port {s.MonitoringPort} fail {s.FailCount} error {s.LastError}"))
        + Environment.NewLine + "  primary " + snapshot.PrimaryAddress + "; problems: "
        + string.Join("; ", snapshot.Problems.Select(p => p.Message));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await Monitor.DisposeAsync();
        _stop.Dispose();
        _loggers.Dispose();
    }
}
