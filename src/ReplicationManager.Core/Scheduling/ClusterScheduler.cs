using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Logging;

namespace ReplicationManager.Core.Scheduling;

/// <summary>
/// Fires a cluster's scheduled tasks at their cron times. A task whose previous run is still going is not started
/// twice: the firing is recorded as skipped with the reason. Schedule changes wake the loop at once.
/// </summary>
public sealed class ClusterScheduler(SchedulerSettings settings, IScheduledTaskRunner runner, TimeProvider time, ILogger<ClusterScheduler> logger)
{
    private const int TicksKept = 200;
    private static readonly TimeSpan MissedFiringLimit = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private readonly Dictionary<string, (Task Run, DateTimeOffset Since)> _running = new(StringComparer.Ordinal);
    private readonly LinkedList<ScheduleTick> _ticks = new();

    public SchedulerSettings Settings => settings;

    /// <summary>The most recent firings, newest first.</summary>
    public IReadOnlyList<ScheduleTick> Ticks
    {
        get
        {
            lock (_gate)
                return _ticks.ToList();
        }
    }

    /// <summary>The task's latest run has not finished yet.</summary>
    public bool IsRunning(string task)
    {
        lock (_gate)
            return _running.ContainsKey(task);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var from = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            var changed = settings.Changed;
            var due = NextDue(from);
            if (due is null)
            {
                await changed.WaitAsync(cancellationToken);
                from = time.GetUtcNow();
                continue;
            }
            var wait = due.Value.At - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(wait, time, wake.Token);
                var first = await Task.WhenAny(delay, changed);
                await wake.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
                if (first == changed)
                {
                    from = time.GetUtcNow();
                    continue;
                }
            }
            // After a long pause (a suspended host), missed firings are dropped rather than run in a burst.
            if (time.GetUtcNow() - due.Value.At > MissedFiringLimit)
            {
                from = time.GetUtcNow();
                continue;
            }
            foreach (var task in due.Value.Tasks)
                Fire(task, due.Value.At, cancellationToken);
            from = due.Value.At;
        }
    }

    /// <summary>Waits for the runs in flight, for an orderly shutdown.</summary>
    public async Task DrainAsync()
    {
        Task[] runs;
        lock (_gate)
            runs = _running.Values.Select(run => run.Run).ToArray();
        await Task.WhenAll(runs).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private (DateTimeOffset At, List<string> Tasks)? NextDue(DateTimeOffset after)
    {
        if (!settings.Enabled)
            return null;
        var next = settings.Tasks
            .Where(task => task.Enabled)
            .Select(task => (task.Name, At: task.Cron.GetNextOccurrence(after)))
            .Where(candidate => candidate.At is not null)
            .ToList();
        if (next.Count == 0)
            return null;
        var earliest = next.Min(candidate => candidate.At!.Value);
        return (earliest, next.Where(candidate => candidate.At == earliest).Select(candidate => candidate.Name).ToList());
    }

    private void Fire(string task, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(task, out var previous))
            {
                var reason = $"the previous run, started {previous.Since:yyyy-MM-dd HH:mm:ss}Z, is still going";
                Record(new ScheduleTick(task, at, ScheduleOutcome.Skipped, reason));
                SchedulerLog.TaskSkipped(logger, task, settings.Cluster, reason);
                return;
            }
            _running[task] = (RunAsync(task, at, cancellationToken), at);
        }
    }

    private async Task RunAsync(string task, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            Record(new ScheduleTick(task, at, ScheduleOutcome.Started, null));
            SchedulerLog.TaskStarted(logger, task, settings.Cluster);
            await runner.RunAsync(settings.Cluster, task, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Record(new ScheduleTick(task, at, ScheduleOutcome.Failed, ex.Message));
            SchedulerLog.TaskFailed(logger, task, settings.Cluster, ex);
        }
        finally
        {
            lock (_gate)
                _running.Remove(task);
        }
    }

    private void Record(ScheduleTick tick)
    {
        lock (_gate)
        {
            _ticks.AddFirst(tick);
            while (_ticks.Count > TicksKept)
                _ticks.RemoveLast();
        }
    }
}
