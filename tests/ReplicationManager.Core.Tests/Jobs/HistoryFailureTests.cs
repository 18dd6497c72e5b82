using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Scheduling;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Jobs;

/// <summary>
/// A history that cannot be written (a full or read-only disk) never leaves a job unfinished: its completion is
/// set, so the scheduler's next firing of the task runs instead of being skipped as "still going".
/// </summary>
public sealed class HistoryFailureTests
{
    [Fact(Timeout = 10_000)]
    public async Task AJobEndsAndTheNextFiringRunsWhenTheHistoryCannotBeSaved()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new FailingHistoryStore();
        await using var api = await ApiModeEngine.CreateAsync(store, """
            monitoring-scheduler = true
            scheduler-db-servers-analyze = true
            scheduler-db-servers-analyze-cron = "TZ=UTC */10 * * * * *"
            """);
        var runner = new LocalJobRunner(api.Engine);
        var settings = new SchedulerSettings("lab", api.Cluster.Scheduler, new SavedSettingsFile(api.Datadir));
        var scheduler = new ClusterScheduler(settings, runner, api.Time, NullLogger<ClusterScheduler>.Instance);
        using var stop = new CancellationTokenSource();
        var loop = scheduler.RunAsync(stop.Token);

        foreach (var firing in new[] { 1, 2 })
        {
            var due = api.Time.GetUtcNow().AddSeconds(10 - api.Time.GetUtcNow().Second % 10);
            while (!api.Time.HasTimerDueAt(due))
                await Task.Delay(2, ct);
            api.Time.Advance(due - api.Time.GetUtcNow());
            var job = await runner.NextFinishedAsync(ct);
            Assert.Equal(JobState.Success, job.State);
            while (scheduler.IsRunning("scheduler-db-servers-analyze"))
                await Task.Delay(2, ct);
        }

        Assert.True(store.Failures >= 4, $"{store.Failures} failed saves");
        Assert.Equal(2, scheduler.Ticks.Count(tick => tick.Outcome == ScheduleOutcome.Started));
        Assert.DoesNotContain(scheduler.Ticks, tick => tick.Outcome == ScheduleOutcome.Skipped);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
    }

    private sealed class FailingHistoryStore : IJobHistoryStore
    {
        private int _failures;

        public int Failures => Volatile.Read(ref _failures);

        public Task<IReadOnlyList<Job>> LoadAsync(string cluster, ServerAddress server, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Job>>([]);

        public Task SaveAsync(string cluster, ServerAddress server, IReadOnlyList<Job> jobs, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _failures);
            throw new IOException("No space left on device");
        }
    }

    /// <summary>Runs each firing as a local job of the engine and waits for it, as the scheduled job runner does.</summary>
    private sealed class LocalJobRunner(JobEngine engine) : IScheduledTaskRunner
    {
        private readonly System.Threading.Channels.Channel<Job> _finished = System.Threading.Channels.Channel.CreateUnbounded<Job>();

        public async Task RunAsync(string cluster, string task, CancellationToken cancellationToken)
        {
            var submission = await engine.RunLocalAsync(ApiModeEngine.Db2, JobTasks.Analyze,
                _ => Task.FromResult(LocalJobOutcome.Success("analyzed")), cancellationToken);
            Assert.True(submission.IsAccepted, submission.RefusedBecause);
            await _finished.Writer.WriteAsync(await submission.Completion!, cancellationToken);
        }

        public async Task<Job> NextFinishedAsync(CancellationToken cancellationToken) => await _finished.Reader.ReadAsync(cancellationToken);
    }
}
