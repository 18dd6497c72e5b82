using System.Text.Json;
using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Proxies;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Failover;

/// <summary>
/// One cluster's keeper of its primary. After each monitoring tick: repairs a change a stop interrupted, asks the
/// failover gate, brings back servers waiting to rejoin, keeps the proxies on the current topology. Between ticks:
/// the switchovers and failovers operators ask for through the API, and their dry runs.
/// </summary>
public sealed class FailoverCoordinator : ITopologyGuard, IAsyncDisposable
{
    private static readonly TimeSpan TickPoll = TimeSpan.FromMilliseconds(50);

    private readonly ClusterOptions _options;
    private readonly FailoverRules _rules;
    private readonly IClusterRegistry _registry;
    private readonly FailoverHistoryStore _store;
    private readonly IReadOnlyList<IProxyRouter> _proxies;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Dictionary<string, (ProxyRoute? Applied, string? Error)> _proxyState = [];
    private FailoverHistory _history = FailoverHistory.None;
    private bool _loaded;
    private string _lastGateReason = "";
    private readonly Lock _rollingLock = new();
    private RollingRestart? _rolling;
    private Task _rollingRun = Task.CompletedTask;
    private CancellationTokenSource? _rollingStop;

    internal FailoverCoordinator(ClusterOptions options, IClusterRegistry registry, FailoverHistoryStore store, IReadOnlyList<IProxyRouter> proxies,
        TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _rules = FailoverRules.From(options);
        _registry = registry;
        _store = store;
        _proxies = proxies;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>A cluster's coordinator with the proxies its options name.</summary>
    public static FailoverCoordinator Create(ClusterOptions options, IClusterRegistry registry, FailoverHistoryStore store, TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var timeout = options.Monitoring.ConnectTimeout;
        var proxies = HaproxyRouter.For(options.Haproxy, timeout)
            .Concat(ProxySqlRouter.For(options.ProxySql, options.Monitoring.Hosts, timeout))
            .ToList();
        return new FailoverCoordinator(options, registry, store, proxies, timeProvider, loggerFactory.CreateLogger<FailoverCoordinator>());
    }

    public string Cluster => _options.Name;

    public SemaphoreSlim TickLock { get; } = new(1, 1);

    /// <summary>The counter, last change and pending rejoins as of now.</summary>
    public FailoverHistory History => Volatile.Read(ref _history);

    /// <summary>A switchover or failover runs.</summary>
    public bool IsChanging => History.InProgress is not null;

    /// <summary>The plan a switchover or failover would follow now; changes nothing.</summary>
    public PrimaryChangePlan Plan(PrimaryChangeKind kind, ServerAddress? requested = null) =>
        PrimaryChangePlanner.Plan(_registry.GetSnapshot(Cluster)!, kind, _rules, History, _timeProvider.GetUtcNow(), requested);

    /// <summary>
    /// Runs a switchover or failover an operator asked for: waits for the tick under way, plans on the latest
    /// snapshot, and answers the refused plan or the outcome.
    /// </summary>
    public async Task<(PrimaryChangePlan Plan, PrimaryChangeOutcome? Outcome)> RunAsync(PrimaryChangeKind kind, ServerAddress? requested,
        CancellationToken cancellationToken)
    {
        PrimaryChangePlan plan;
        PrimaryChangeOutcome? outcome = null;
        await TickLock.WaitAsync(cancellationToken);
        try
        {
            await LoadAsync(cancellationToken);
            plan = Plan(kind, requested);
            if (!plan.IsRefused)
                outcome = await ExecuteAsync(plan, cancellationToken);
        }
        finally
        {
            TickLock.Release();
        }
        // The answer waits for a tick that read the servers after the change, so that what the API shows next (the
        // topology, a dry run, another switchover) starts from the new primary and its replicas.
        if (outcome is { Succeeded: true })
            await WaitForTickAsync(outcome.Plan.Candidate!, cancellationToken);
        return (plan, outcome);
    }

    private async Task WaitForTickAsync(ServerAddress primary, CancellationToken cancellationToken)
    {
        var changed = _timeProvider.GetUtcNow();
        var bound = _options.Monitoring.Ticker * 3 + _options.Monitoring.ConnectTimeout + _options.Monitoring.QueryTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(bound);
        try
        {
            while (_registry.GetSnapshot(Cluster) is not { } seen || seen.Time <= changed || seen.PrimaryAddress != primary)
                await Task.Delay(TickPoll, _timeProvider, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No tick in time (a slow server): the answer goes out all the same; the next tick shows the change.
        }
    }

    /// <summary>The latest rolling restart, running or ended; null when none ran since start.</summary>
    public RollingRestartStatus? Rolling => _rolling?.Status;

    /// <summary>
    /// Starts a rolling restart in the background (its status in <see cref="Rolling"/>), or answers why it is refused;
    /// the servers are restarted by <paramref name="restarter"/>.
    /// </summary>
    public IReadOnlyList<Refusal> StartRollingRestart(IServerRestart restarter)
    {
        ArgumentNullException.ThrowIfNull(restarter);
        lock (_rollingLock)
        {
            if (_rolling is { Status.Running: true })
                return [new Refusal("in-progress", null, "a rolling restart runs already")];
            var snapshot = _registry.GetSnapshot(Cluster)!;
            var (replicas, refusals) = RollingRestartPlan.For(snapshot, History);
            if (refusals.Count > 0)
                return refusals;
            _rollingStop?.Dispose();
            _rollingStop = new CancellationTokenSource();
            _rolling = new RollingRestart(this, _registry, restarter, _rules.PreferredMasters, _timeProvider, _logger);
            var rolling = _rolling;
            var stop = _rollingStop.Token;
            _rollingRun = Task.Run(() => rolling.RunAsync(replicas, snapshot.PrimaryAddress!, stop), CancellationToken.None);
            return [];
        }
    }

    /// <summary>Completes when the rolling restart under way (if any) ended.</summary>
    public Task WaitForRollingRestartAsync(CancellationToken cancellationToken)
    {
        Task run;
        lock (_rollingLock)
            run = _rollingRun;
        return run.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the running rolling restart after its current step; false when none runs.</summary>
    public bool CancelRollingRestart()
    {
        lock (_rollingLock)
        {
            if (_rolling is not { Status.Running: true })
                return false;
            _rollingStop!.Cancel();
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_rollingStop is { } stop)
            await stop.CancelAsync();
        await _rollingRun;
        _rollingStop?.Dispose();
        TickLock.Dispose();
    }

    /// <summary>Sets the failover counter back to zero (replication-manager's <c>reset-failover-control</c>).</summary>
    public async Task ResetFailoverControlAsync(CancellationToken cancellationToken)
    {
        await TickLock.WaitAsync(cancellationToken);
        try
        {
            await LoadAsync(cancellationToken);
            await SaveAsync(History with { Failovers = 0, LastChange = null }, cancellationToken);
        }
        finally
        {
            TickLock.Release();
        }
    }

    public async Task AfterTickAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        try
        {
            await LoadAsync(cancellationToken);
            if (History.InProgress is { } interrupted && !await RepairAsync(interrupted, snapshot, cancellationToken))
                return;
            var decision = FailoverGate.Decide(snapshot, _rules, History, _timeProvider.GetUtcNow());
            if (decision.Reason != _lastGateReason && decision.Reason.Length > 0)
                FailoverLog.Gate(_logger, Cluster, decision.Reason);
            _lastGateReason = decision.Reason;
            if (decision.Verdict == GateVerdict.FailOver)
            {
                await ExecuteAsync(decision.Plan!, cancellationToken);
                return;
            }
            await RejoinAsync(snapshot, cancellationToken);
            await KeepProxiesAsync(ProxyRoute.For(snapshot, _rules.IgnoredHosts), cancellationToken);
        }
        catch (Exception ex) when (ex is MariaDbException or IOException or JsonException or UnauthorizedAccessException)
        {
            FailoverLog.Gate(_logger, Cluster, $"after the tick: {ex.Message}");
        }
    }

    private async Task<PrimaryChangeOutcome> ExecuteAsync(PrimaryChangePlan plan, CancellationToken cancellationToken)
    {
        var snapshot = _registry.GetSnapshot(Cluster)!;
        var runner = new PrimaryChangeRunner(_options, _proxies,
            (inProgress, token) => SaveAsync(History with { InProgress = inProgress }, token), _timeProvider, _logger);
        var outcome = await runner.RunAsync(plan, snapshot, cancellationToken);
        if (!outcome.Succeeded)
            return outcome;
        var left = outcome.Steps.Where(s => s.Action is StepAction.DemoteOldPrimary or StepAction.RepointReplica && s.Outcome.StartsWith("failed", StringComparison.Ordinal))
            .Select(s => s.Server!);
        var down = plan.Kind == PrimaryChangeKind.Failover
            ? snapshot.Servers.Where(s => s.Address != plan.Candidate && !s.IsReachable).Select(s => s.Address)
            : snapshot.Servers.Where(s => s.Address != plan.Candidate && s.Address != plan.OldPrimary && !s.IsReachable).Select(s => s.Address);
        await SaveAsync(History with
        {
            Failovers = History.Failovers + (plan.Kind == PrimaryChangeKind.Failover ? 1 : 0),
            LastChange = _timeProvider.GetUtcNow(),
            RejoinPending = down.Concat(left).Distinct().ToList(),
            RejoinSource = plan.Candidate,
            InProgress = null,
        }, CancellationToken.None);
        // The next tick starts from the new primary, even before any replica reports it as its source.
        if (_registry is ClusterRegistry published)
            published.Publish(snapshot with { PrimaryAddress = plan.Candidate }, []);
        _proxyState.Clear();
        return outcome;
    }

    private async Task<bool> RepairAsync(PrimaryChangeInProgress interrupted, ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        var old = snapshot.Find(interrupted.OldPrimary);
        var candidate = snapshot.Find(interrupted.Candidate);
        // Whether the candidate was promoted decides the repair: wait until it answers. A dead old primary needs none
        // (its settings do not outlive its restart); it rejoins if the candidate was promoted.
        if (old is null || candidate is null || !candidate.IsReachable)
            return false;
        var promoted = candidate.Replication is null;
        var repaired = new List<string>();
        if (old.IsReachable)
        {
            await using var admin = await ServerAdmin.OpenAsync(_options.Monitoring, old, _options.Monitoring.QueryTimeout * 5, cancellationToken);
            if (interrupted.MaxConnections is { } saved)
            {
                await admin.SetMaxConnectionsAsync(saved, cancellationToken);
                repaired.Add($"max_connections = {saved} on {old.Address}");
            }
            if (!promoted && old.Replication is null)
            {
                await admin.SetReadOnlyAsync(false, cancellationToken);
                repaired.Add($"{old.Address} stays the primary, read_only = 0");
            }
            else if (promoted && old.Replication is null)
            {
                await admin.ReplicateFromAsync(candidate.Address, _options.Monitoring.ReplicationCredential, old.GtidBinlogPos, cancellationToken);
                repaired.Add($"{old.Address} replicates from the promoted {candidate.Address}");
            }
        }
        var pending = promoted && !old.IsReachable ? History.Rejoining.Append(old.Address).Distinct().ToList() : History.Rejoining.ToList();
        await SaveAsync(History with
        {
            InProgress = null,
            RejoinPending = pending,
            RejoinSource = promoted ? candidate.Address : History.RejoinSource,
            LastChange = promoted ? interrupted.Started : History.LastChange,
        }, cancellationToken);
        FailoverLog.Repaired(_logger, Cluster, interrupted.Kind, repaired.Count == 0 ? "nothing was left to undo" : string.Join("; ", repaired));
        return true;
    }

    private async Task RejoinAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (History.Rejoining.Count == 0 || History.RejoinSource is not { } sourceAddress || snapshot.Find(sourceAddress) is not { } source)
            return;
        var still = new List<ServerAddress>();
        foreach (var address in History.Rejoining)
        {
            var server = snapshot.Find(address);
            if (server is null || address == sourceAddress || (server.Replication is { } channel && channel.Master == sourceAddress))
                continue;
            if (!server.IsReachable)
            {
                still.Add(address);
                continue;
            }
            if (!_rules.Failover.Autorejoin)
            {
                FailoverLog.RejoinFailed(_logger, Cluster, address, sourceAddress, "autorejoin is off: it stays out of the topology");
                continue;
            }
            // An old primary's own last transactions must all be on the new primary, else it holds errant ones.
            var errant = server.Replication is null ? Errant(server, source) : [];
            try
            {
                await using var admin = await ServerAdmin.OpenAsync(_options.Monitoring, server, _options.Monitoring.QueryTimeout * 5, cancellationToken);
                // Fenced first, whatever follows: two writable primaries must never be.
                await admin.SetReadOnlyAsync(true, cancellationToken);
                if (errant.Count > 0)
                {
                    FailoverLog.RejoinFailed(_logger, Cluster, address, sourceAddress,
                        $"it holds transactions the new primary lacks ({string.Join(", ", errant)}); it stays read-only and out of the topology: reseed it or remove them by hand");
                    continue;
                }
                var startAfter = server.Replication is null ? server.GtidBinlogPos : null;
                await admin.ReplicateFromAsync(sourceAddress, _options.Monitoring.ReplicationCredential, startAfter, cancellationToken);
                FailoverLog.Rejoined(_logger, Cluster, address, sourceAddress, startAfter?.ToString() ?? server.GtidSlavePos.ToString());
            }
            catch (MariaDbException ex)
            {
                FailoverLog.RejoinFailed(_logger, Cluster, address, sourceAddress, ex.Message);
                still.Add(address);
            }
        }
        if (!still.SequenceEqual(History.Rejoining))
            await SaveAsync(History with { RejoinPending = still }, cancellationToken);
    }

    /// <summary>The GTIDs in <paramref name="server"/>'s binary log that <paramref name="source"/>'s does not reach.</summary>
    internal static IReadOnlyList<GtidPosition> Errant(ServerSnapshot server, ServerSnapshot source) =>
        server.GtidBinlogState.Positions
            .Where(p => (source.GtidBinlogState.SequenceOf(p.Domain, p.ServerId) ?? 0) < p.Sequence)
            .ToList();

    private async Task KeepProxiesAsync(ProxyRoute route, CancellationToken cancellationToken)
    {
        foreach (var proxy in _proxies)
        {
            var (applied, lastError) = _proxyState.GetValueOrDefault(proxy.Name);
            if (route.Equals(applied))
                continue;
            try
            {
                await proxy.RouteAsync(route, cancellationToken);
                _proxyState[proxy.Name] = (route, null);
                FailoverLog.Rerouted(_logger, Cluster, proxy.Name, route.Writer?.ToString() ?? "nowhere",
                    route.Readers.Count == 0 ? "nowhere" : string.Join(", ", route.Readers));
            }
            catch (ProxyException ex)
            {
                if (ex.Message != lastError)
                    FailoverLog.RerouteFailed(_logger, Cluster, proxy.Name, ex.Message);
                _proxyState[proxy.Name] = (applied, ex.Message);
            }
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
            return;
        Volatile.Write(ref _history, await _store.ReadAsync(Cluster, cancellationToken));
        _loaded = true;
    }

    private async Task SaveAsync(FailoverHistory history, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _history, history);
        await _store.WriteAsync(Cluster, history, cancellationToken);
    }
}
