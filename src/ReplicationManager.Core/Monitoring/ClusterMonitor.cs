using System.Text.Json;
using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// One cluster's monitoring: each tick probes every server in parallel (bounded), applies the reachability state
/// machine, derives the topology, publishes the snapshot, reports what changed and saves what is worth saving.
/// Observe (probes), decide (<see cref="ServerHealth"/>, <see cref="TopologyAnalyzer"/>), report, persist.
/// </summary>
public sealed class ClusterMonitor : IAsyncDisposable
{
    private const int MaxParallelProbes = 32;

    private readonly ClusterOptions _options;
    private readonly ClusterRegistry _registry;
    private readonly ServerStateStore? _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TopologyRules _rules;
    private readonly IServerProbe[] _probes;
    private readonly MonitoringReporter _reporter;
    private readonly ServerSnapshot?[] _lastSaved;
    private readonly int[] _ticksSinceSave;
    private ITopologyGuard? _guard;
    private long _tick;

    internal ClusterMonitor(ClusterOptions options, ClusterRegistry registry, ServerStateStore? store,
        Func<ServerAddress, IServerProbe> probeFactory, TimeProvider timeProvider, ILogger logger, TopologyRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(probeFactory);
        _options = options;
        _registry = registry;
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
        _rules = rules ?? new TopologyRules(options.Monitoring.MaxReplicationDelay);
        var hosts = options.Monitoring.Hosts;
        _probes = hosts.Select(probeFactory).ToArray();
        _reporter = new MonitoringReporter(options.Name, hosts.Count, logger);
        _lastSaved = new ServerSnapshot?[hosts.Count];
        _ticksSinceSave = new int[hosts.Count];
    }

    /// <summary>A cluster's monitor with real probes (one persistent connection per server); no saved state when <paramref name="store"/> is null.</summary>
    public static ClusterMonitor Create(ClusterOptions cluster, ClusterRegistry registry, ServerStateStore? store,
        TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var settings = ServerProbeSettings.From(cluster.Monitoring);
        return new ClusterMonitor(cluster, registry, store, address => new ServerProbe(address, settings, timeProvider),
            timeProvider, loggerFactory.CreateLogger<ClusterMonitor>());
    }

    public string Name => _options.Name;

    public TimeSpan Ticker => _options.Monitoring.Ticker;

    /// <summary>Sets what acts after each tick (the failover coordinator); set before <see cref="RunAsync"/>.</summary>
    public void Guard(ITopologyGuard guard) => _guard = guard;

    /// <summary>Shows each server's saved state until its first probe, and teaches the probes the saved extra ports.</summary>
    public async Task LoadSavedStateAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
            return;
        var current = _registry.GetSnapshot(Name)!;
        var servers = new List<ServerSnapshot>(current.Servers.Count);
        var loaded = 0;
        for (var i = 0; i < current.Servers.Count; i++)
        {
            var server = current.Servers[i];
            var saved = await LoadAsync(server.Address, cancellationToken);
            if (saved is not null)
            {
                loaded++;
                _lastSaved[i] = saved;
                if (saved.ExtraPort is { } extraPort)
                    _probes[i].LearnExtraPort(extraPort);
                if (saved.IsInMaintenance)
                    _registry.SetMaintenance(Name, server.Address, true);
            }
            servers.Add(saved ?? server);
        }
        if (loaded == 0)
            return;
        var masters = servers.Where(s => s.State == ServerState.Master).ToList();
        _registry.Publish(current with { Servers = servers, PrimaryAddress = masters.Count == 1 ? masters[0].Address : null }, []);
        MonitoringLog.SavedStateLoaded(_logger, Name, loaded, Path.GetDirectoryName(Path.GetDirectoryName(_store.PathOf(Name, servers[0].Address)))!);
    }

    /// <summary>
    /// The loop: saved state first, then a tick every <c>monitoring-ticker</c> until the token is cancelled. A tick
    /// that throws is logged and the loop goes on; its logs carry the cluster's scope.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var scope = MonitoringLog.BeginClusterScope(_logger, Name);
        MonitoringLog.MonitoringStarted(_logger, Name, _probes.Length, Ticker, _options.Monitoring.FalsePositivePingCounter);
        try
        {
            await LoadSavedStateAsync(cancellationToken);
            using var timer = new PeriodicTimer(Ticker, _timeProvider);
            do
            {
                try
                {
                    await TickAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    MonitoringLog.MonitoringTickFailed(_logger, Name, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            MonitoringLog.MonitoringStopped(_logger, Name);
        }
    }

    /// <summary>One monitoring tick, then the guard's turn, while no switchover runs.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        if (_guard is not { } guard)
        {
            await ObserveAsync(cancellationToken);
            return;
        }
        await guard.TickLock.WaitAsync(cancellationToken);
        try
        {
            var snapshot = await ObserveAsync(cancellationToken);
            await guard.AfterTickAsync(snapshot, cancellationToken);
        }
        finally
        {
            guard.TickLock.Release();
        }
    }

    private async Task<ClusterSnapshot> ObserveAsync(CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var tick = ++_tick;
        var previous = _registry.GetSnapshot(Name)!;
        var results = await ProbeAllAsync(cancellationToken);
        var now = _timeProvider.GetUtcNow();
        var observed = new List<ServerSnapshot>(results.Length);
        for (var i = 0; i < results.Length; i++)
        {
            var server = ServerHealth.Next(previous.Servers[i], results[i], _options.Monitoring.FalsePositivePingCounter, now);
            observed.Add(server with { IsInMaintenance = _registry.IsInMaintenance(Name, server.Address) });
        }
        var analyzed = TopologyAnalyzer.Analyze(Name, now, tick, observed, previous.PrimaryAddress, _rules);
        var snapshot = analyzed with { Servers = WithPreviousStates(previous, analyzed), TickDuration = _timeProvider.GetElapsedTime(started) };
        var changes = _reporter.Report(previous, snapshot, results);
        _registry.Publish(snapshot, changes);
        await SaveAsync(snapshot, cancellationToken);
        MonitoringLog.MonitoringTick(_logger, tick, Name, results.Length, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return snapshot;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var probe in _probes)
            await probe.DisposeAsync();
    }

    private async Task<ProbeResult[]> ProbeAllAsync(CancellationToken cancellationToken)
    {
        // Probes start on this thread and wait in parallel; beyond the bound, workers take servers in turn.
        if (_probes.Length <= MaxParallelProbes)
            return await Task.WhenAll(_probes.Select(probe => probe.ProbeAsync(cancellationToken)));
        var results = new ProbeResult[_probes.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelProbes, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, _probes.Length, parallel, async (i, token) => results[i] = await _probes[i].ProbeAsync(token));
        return results;
    }

    private static List<ServerSnapshot> WithPreviousStates(ClusterSnapshot previous, ClusterSnapshot current) =>
        current.Servers.Select((server, i) => server with
        {
            PreviousState = server.State == previous.Servers[i].State ? previous.Servers[i].PreviousState : previous.Servers[i].State,
        }).ToList();

    private async Task SaveAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (_store is null)
            return;
        for (var i = 0; i < snapshot.Servers.Count; i++)
        {
            var server = snapshot.Servers[i];
            _ticksSinceSave[i]++;
            if (!SavePolicy.ShouldSave(_lastSaved[i], server, _ticksSinceSave[i]))
                continue;
            var path = _store.PathOf(Name, server.Address);
            try
            {
                await _store.UpdateAsync(Name, server.Address, ServerStateDocument.Sections(server), cancellationToken);
                _lastSaved[i] = server;
                _ticksSinceSave[i] = 0;
                MonitoringLog.ServerStateSaved(_logger, server.Address, path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                MonitoringLog.ServerStateSaveFailed(_logger, server.Address, path, ex);
                _ticksSinceSave[i] = 0;
            }
        }
    }

    private async Task<ServerSnapshot?> LoadAsync(ServerAddress address, CancellationToken cancellationToken)
    {
        try
        {
            return await _store!.ReadAsync(Name, address, cancellationToken) is { } document ? ServerStateDocument.Load(document, address) : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            MonitoringLog.SavedStateUnreadable(_logger, _store!.PathOf(Name, address), ex);
            return null;
        }
    }
}
