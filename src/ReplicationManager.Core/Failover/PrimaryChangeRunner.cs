using System.Globalization;
using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Proxies;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Failover;

/// <summary>
/// Carries out a plan, step by step, each logged with its duration. Until the candidate is promoted, a failed step
/// undoes every earlier one in reverse (the old primary writable again, its locks released); <c>max_connections</c>
/// is given back on every path. After the promotion the change goes forward: a replica that cannot be re-pointed
/// or a proxy that cannot be rerouted is reported, and retried by the monitoring loop.
/// </summary>
internal sealed class PrimaryChangeRunner(
    ClusterOptions cluster,
    IReadOnlyList<IProxyRouter> proxies,
    Func<PrimaryChangeInProgress?, CancellationToken, Task> saveInProgress,
    TimeProvider timeProvider,
    ILogger logger)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SessionPoll = TimeSpan.FromMilliseconds(100);

    public async Task<PrimaryChangeOutcome> RunAsync(PrimaryChangePlan plan, ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(snapshot);
        var started = timeProvider.GetTimestamp();
        FailoverLog.Started(logger, cluster.Name, plan.Kind, plan.OldPrimary, plan.Candidate, plan.Steps.Count);
        await using var change = new Change(plan, snapshot, cluster);
        var inProgress = new PrimaryChangeInProgress(plan.Kind, plan.OldPrimary!, plan.Candidate!, null, timeProvider.GetUtcNow());
        await saveInProgress(inProgress, cancellationToken);
        var outcomes = new List<StepOutcome>();
        PlanStep? current = null;
        try
        {
            foreach (var step in plan.Steps)
            {
                current = step;
                var stepStarted = timeProvider.GetTimestamp();
                string outcome;
                try
                {
                    outcome = await RunStepAsync(step, change, cancellationToken);
                }
                catch (Exception ex) when (change.IsCommitted && ex is StepFailedException or MariaDbException)
                {
                    // The new primary already takes writes: a server left behind rejoins later, it does not undo the change.
                    change.Warnings.Add($"{step.Action} {step.Server}: {ex.Message}");
                    if (step.Server is { } behind && step.Action is StepAction.DemoteOldPrimary or StepAction.RepointReplica)
                        change.NotRepointed.Add(behind);
                    outcome = "failed (the change stands): " + ex.Message;
                }
                var elapsed = timeProvider.GetElapsedTime(stepStarted).TotalMilliseconds;
                outcomes.Add(new StepOutcome(step.Action, step.Server, outcome, elapsed));
                FailoverLog.Step(logger, cluster.Name, step.Action, step.Server, outcome, elapsed);
                if (step.Action == StepAction.LowerMaxConnections && change.SavedMaxConnections is { } saved)
                    await saveInProgress(inProgress = inProgress with { MaxConnections = (int)saved }, cancellationToken);
            }
            await saveInProgress(null, CancellationToken.None);
            var total = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            FailoverLog.Done(logger, cluster.Name, plan.Kind, plan.Candidate, plan.OldPrimary, total);
            return new PrimaryChangeOutcome { Plan = plan, Succeeded = true, Steps = outcomes, Warnings = change.Warnings, Milliseconds = total };
        }
        catch (Exception ex) when (ex is FailoverVetoedException or StepFailedException or MariaDbException or ProxyException or OperationCanceledException)
        {
            var reason = ex is MariaDbException db ? $"{db.Message}" : ex.Message;
            var vetoed = ex is FailoverVetoedException;
            if (vetoed)
                FailoverLog.Vetoed(logger, cluster.Name, plan.OldPrimary, reason);
            else
                FailoverLog.Failed(logger, cluster.Name, plan.Kind, current!.Action, current.Server, reason);
            outcomes.Add(new StepOutcome(current!.Action, current.Server, (vetoed ? "vetoed: " : "failed: ") + reason, 0));
            await change.UndoAsync(logger, cluster.Name);
            await saveInProgress(null, CancellationToken.None);
            return new PrimaryChangeOutcome
            {
                Plan = plan,
                Vetoed = vetoed,
                FailedStep = vetoed ? null : current,
                Error = reason,
                Steps = outcomes,
                Warnings = change.Warnings,
                Milliseconds = timeProvider.GetElapsedTime(started).TotalMilliseconds,
            };
        }
    }

    private async Task<string> RunStepAsync(PlanStep step, Change change, CancellationToken cancellationToken)
    {
        var failover = cluster.Failover;
        var monitoring = cluster.Monitoring;
        switch (step.Action)
        {
            case StepAction.CheckLongWrites:
                {
                    var writes = await (await change.AdminAsync(step.Server!, cancellationToken)).LongWritesAsync(failover.WaitWriteQuery, cancellationToken);
                    if (writes.Count > 0)
                        throw new StepFailedException($"write statements have run for {failover.WaitWriteQuery.TotalSeconds:0} s or more: {string.Join("; ", writes)}");
                    return "no long write";
                }
            case StepAction.ConfirmPrimaryDead:
                return await new FalsePositiveCheck(cluster, timeProvider).ConfirmDeadAsync(change, cancellationToken);
            case StepAction.PreScript:
                await RunScriptAsync(failover.PreScript, change.Plan, cancellationToken);
                return "exit 0";
            case StepAction.PostScript:
                await RunScriptAsync(failover.PostScript, change.Plan, cancellationToken);
                return "exit 0";
            case StepAction.SetReadOnly:
                {
                    var admin = await change.AdminAsync(step.Server!, cancellationToken);
                    await admin.SetReadOnlyAsync(true, cancellationToken);
                    change.OnUndo($"read_only = 0 on {admin.Address}", token => admin.SetReadOnlyAsync(false, token));
                    return $"read_only = 1 (session through port {admin.Port})";
                }
            case StepAction.LowerMaxConnections:
                {
                    if (!monitoring.DecreaseMaxConnections)
                        return "skipped (switchover-decrease-max-conn is off)";
                    var admin = await change.AdminAsync(step.Server!, cancellationToken);
                    var saved = await admin.MaxConnectionsAsync(cancellationToken);
                    change.SavedMaxConnections = saved;
                    await admin.SetMaxConnectionsAsync(monitoring.DecreaseMaxConnectionsValue, cancellationToken);
                    return $"max_connections {saved} -> {monitoring.DecreaseMaxConnectionsValue}";
                }
            case StepAction.KillSessions:
                return await KillSessionsAsync(await change.AdminAsync(step.Server!, cancellationToken), failover.WaitKill, cancellationToken);
            case StepAction.FreezeWrites:
                {
                    var admin = await change.AdminAsync(step.Server!, cancellationToken);
                    using (var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        bound.CancelAfter(failover.WaitTrx);
                        try
                        {
                            await admin.FlushTablesWithReadLockAsync(bound.Token);
                        }
                        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                        {
                            throw new StepFailedException($"FLUSH TABLES WITH READ LOCK did not get the lock within {failover.WaitTrx.TotalSeconds:0} s (switchover-wait-trx): a long transaction holds tables; the statement was killed");
                        }
                    }
                    change.OnUndo($"UNLOCK TABLES on {admin.Address}", token => admin.UnlockTablesAsync(token));
                    change.FinalPosition = await admin.GtidBinlogPosAsync(cancellationToken);
                    return $"writes frozen at GTID {change.FinalPosition}";
                }
            case StepAction.WaitCandidate:
                return await WaitCandidateAsync(step.Server!, change, cancellationToken);
            case StepAction.Promote:
                {
                    var admin = await change.AdminAsync(step.Server!, cancellationToken);
                    try
                    {
                        await admin.PromoteAsync(cancellationToken);
                    }
                    catch (MariaDbException) when (change.Plan.Kind == PrimaryChangeKind.Switchover)
                    {
                        change.OnUndo($"{admin.Address} replicates from {change.Plan.OldPrimary} again", async token =>
                        {
                            await admin.ReplicateFromAsync(change.Plan.OldPrimary!, monitoring.ReplicationCredential, null, token);
                            await admin.SetReadOnlyAsync(true, token);
                        });
                        throw;
                    }
                    // The new primary takes writes from here on: nothing before is undone any more, max_connections aside.
                    change.Commit();
                    return "replication reset, read_only = 0";
                }
            case StepAction.RerouteProxies:
                return await RerouteAsync(change, cancellationToken);
            case StepAction.DemoteOldPrimary:
                {
                    var admin = await change.AdminAsync(step.Server!, cancellationToken);
                    // A statement queued behind the read lock would run at UNLOCK TABLES: a user with READ_ONLY ADMIN
                    // ignores read_only, and its write would exist on the old primary only. Such sessions die first.
                    var killed = 0;
                    foreach (var (id, _) in await admin.ClientSessionsAsync(cancellationToken))
                    {
                        await admin.KillAsync(id, cancellationToken);
                        killed++;
                    }
                    await admin.UnlockTablesAsync(cancellationToken);
                    var position = await admin.GtidBinlogPosAsync(cancellationToken);
                    if (position != change.FinalPosition)
                        throw new StepFailedException($"it wrote {position} after the freeze at {change.FinalPosition} (a session with READ_ONLY ADMIN): those transactions are on no other server; it stays read-only, out of the topology");
                    await admin.ReplicateFromAsync(change.Plan.Candidate!, monitoring.ReplicationCredential, change.FinalPosition, cancellationToken);
                    if (!failover.ReadOnlyState)
                        await admin.SetReadOnlyAsync(false, cancellationToken);
                    return $"replicates from {change.Plan.Candidate} after {change.FinalPosition} ({killed} late session(s) killed before UNLOCK TABLES)";
                }
            case StepAction.RepointReplica:
                {
                    var admin = await change.AdminAsync(step.Server!, cancellationToken);
                    await admin.ReplicateFromAsync(change.Plan.Candidate!, monitoring.ReplicationCredential, null, cancellationToken);
                    await admin.SetReadOnlyAsync(failover.ReadOnlyState, cancellationToken);
                    return $"replicates from {change.Plan.Candidate}";
                }
            case StepAction.RestoreMaxConnections:
                return await change.RestoreMaxConnectionsAsync(cancellationToken) ?? "nothing to restore";
            default:
                throw new StepFailedException($"unknown step {step.Action}");
        }
    }

    private async Task<string> KillSessionsAsync(ServerAdmin admin, TimeSpan waitKill, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        IReadOnlyList<(long Id, bool Busy)> sessions;
        while ((sessions = await admin.ClientSessionsAsync(cancellationToken)).Any(s => s.Busy) && timeProvider.GetElapsedTime(started) < waitKill)
            await Task.Delay(SessionPoll, timeProvider, cancellationToken);
        foreach (var (id, _) in sessions)
            await admin.KillAsync(id, cancellationToken);
        return sessions.Count == 0 ? "no client session left" : $"killed {sessions.Count} session(s) after {timeProvider.GetElapsedTime(started).TotalMilliseconds:0} ms";
    }

    private async Task<string> WaitCandidateAsync(ServerAddress candidate, Change change, CancellationToken cancellationToken)
    {
        var admin = await change.AdminAsync(candidate, cancellationToken);
        var target = change.FinalPosition;
        if (change.Plan.Kind == PrimaryChangeKind.Failover)
            target = (await admin.ReplicaPositionsAsync(cancellationToken)).Received;
        var timeout = cluster.Failover.WaitTrx;
        var (received, before) = await admin.ReplicaPositionsAsync(cancellationToken);
        if (!await admin.WaitForGtidAsync(target ?? GtidList.Empty, timeout, cancellationToken))
        {
            var (_, applied) = await admin.ReplicaPositionsAsync(cancellationToken);
            throw new StepFailedException($"{candidate} did not apply up to {target} within {timeout.TotalSeconds:0} s (switchover-wait-trx); it is at {applied}");
        }
        return $"applied up to {target} (it had received {received}, applied {before})";
    }

    private async Task<string> RerouteAsync(Change change, CancellationToken cancellationToken)
    {
        if (proxies.Count == 0)
            return "no proxy configured";
        var readers = change.Plan.Steps.Where(s => s.Action is StepAction.RepointReplica or StepAction.DemoteOldPrimary)
            .Select(s => s.Server!).ToList();
        var route = new ProxyRoute(change.Plan.Candidate, readers);
        var done = new List<string>();
        foreach (var proxy in proxies)
        {
            try
            {
                await proxy.RouteAsync(route, cancellationToken);
                done.Add(proxy.Name);
            }
            catch (ProxyException ex)
            {
                change.Warnings.Add($"{proxy.Name} not rerouted: {ex.Message}; retried at each tick");
            }
        }
        return done.Count == proxies.Count ? $"{string.Join(", ", done)}: {route}" : $"{done.Count} of {proxies.Count} proxies rerouted";
    }

    private static async Task RunScriptAsync(string script, PrimaryChangePlan plan, CancellationToken cancellationToken)
    {
        var ports = (plan.OldPrimary!.Port.ToString(CultureInfo.InvariantCulture), plan.Candidate!.Port.ToString(CultureInfo.InvariantCulture));
        var errors = new OutputTail([]);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(ScriptTimeout);
        ToolExit exit;
        try
        {
            exit = await ToolProcess.RunWithInputAsync(script, [plan.OldPrimary.Host, plan.Candidate.Host, ports.Item1, ports.Item2], Stream.Null, errors, bound.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StepFailedException($"{script} ran longer than {ScriptTimeout.TotalSeconds:0} s and was killed");
        }
        if (!exit.Started)
            throw new StepFailedException($"{script} cannot run: {exit.NotStartedBecause}");
        if (!exit.Succeeded)
            throw new StepFailedException($"{script} exited with {exit.ExitCode}: {errors}");
    }
}
