using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Scheduling;
using ReplicationManager.Core.Tests.Fakes;

namespace ReplicationManager.Core.Tests.Scheduling;

public sealed class ClusterSchedulerTests
{
    private static readonly DateTimeOffset StartTime = new(2026, 11, 22, 0, 0, 5, TimeSpan.Zero);

    [Fact(Timeout = 10_000)]
    public async Task FiresAnEnabledTaskAtItsCronTimes()
    {
        using var harness = Harness.Create(enabled: true, analyze: (true, "TZ=UTC */10 * * * * *"));
        await using var running = harness.Start();
        await harness.WaitForWaitUntilAsync(StartTime.AddSeconds(5));

        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        var first = await harness.Runner.NextAsync();
        harness.Runner.Release(first);
        while (harness.Scheduler.IsRunning("scheduler-db-servers-analyze"))
            await Task.Delay(2, TestContext.Current.CancellationToken);
        await harness.WaitForWaitUntilAsync(StartTime.AddSeconds(15));
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = await harness.Runner.NextAsync();

        Assert.Equal(("scheduler-db-servers-analyze", StartTime.AddSeconds(5)), first);
        Assert.Equal(("scheduler-db-servers-analyze", StartTime.AddSeconds(15)), second);
    }

    [Fact(Timeout = 10_000)]
    public async Task ATaskStillRunningIsNotStartedTwiceAndTheSkipIsRecorded()
    {
        using var harness = Harness.Create(enabled: true, analyze: (true, "TZ=UTC */10 * * * * *"));
        await using var running = harness.Start();
        await harness.WaitForWaitUntilAsync(StartTime.AddSeconds(5));

        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        var first = await harness.Runner.NextAsync();
        await harness.WaitForTickAsync(ScheduleOutcome.Started);
        await harness.WaitForWaitUntilAsync(StartTime.AddSeconds(15));
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        var skipped = await harness.WaitForTickAsync(ScheduleOutcome.Skipped);

        Assert.Equal("scheduler-db-servers-analyze", skipped.Task);
        Assert.Contains("still going", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(1, harness.Runner.Started);
        harness.Runner.Release(first);
    }

    [Fact(Timeout = 10_000)]
    public async Task EnablingATaskTakesEffectWithoutARestartAndIsKept()
    {
        using var harness = Harness.Create(enabled: true, analyze: (false, "TZ=UTC */10 * * * * *"));
        await using var running = harness.Start();

        var change = harness.Settings.SetEnabled("scheduler-db-servers-analyze", true);
        await harness.WaitForWaitUntilAsync(StartTime.AddSeconds(5));
        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        var fired = await harness.Runner.NextAsync();

        Assert.True(change.Applied, change.Message);
        Assert.Equal(StartTime.AddSeconds(5), fired.At);
        Assert.Equal("true", harness.Store.Load("c")["scheduler-db-servers-analyze"]);
        harness.Runner.Release(fired);
    }

    [Fact(Timeout = 10_000)]
    public async Task ANewCronTakesEffectAtOnce()
    {
        using var harness = Harness.Create(enabled: true, analyze: (true, "TZ=UTC 0 0 4 * * *"));
        await using var running = harness.Start();

        var change = harness.Settings.SetCron("scheduler-db-servers-analyze-cron", "TZ=UTC */2 * * * * *");
        await harness.WaitForWaitUntilAsync(StartTime.AddSeconds(1));
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var fired = await harness.Runner.NextAsync();

        Assert.True(change.Applied, change.Message);
        Assert.Equal(StartTime.AddSeconds(1), fired.At);
        harness.Runner.Release(fired);
    }

    [Fact]
    public void ABadCronIsRefusedWithTheReason()
    {
        using var harness = Harness.Create(enabled: true, analyze: (true, "TZ=UTC 0 0 4 * * *"));

        var change = harness.Settings.SetCron("scheduler-db-servers-analyze-cron", "0 0 25 * * *");
        var unknown = harness.Settings.SetEnabled("scheduler-db-servers-anlyze", true);

        Assert.False(change.Applied);
        Assert.Equal("scheduler-db-servers-analyze-cron: bad cron expression \"0 0 25 * * *\": hour field: 25 is out of range 0-23", change.Message);
        Assert.True(unknown.IsUnknownKey);
        Assert.Empty(harness.Store.Load("c"));
    }

    [Fact(Timeout = 10_000)]
    public async Task NothingFiresWhileTheMasterSwitchIsOff()
    {
        using var harness = Harness.Create(enabled: false, analyze: (true, "TZ=UTC * * * * * *"));
        await using var running = harness.Start();

        harness.Clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(50, TestContext.Current.CancellationToken);

        Assert.Equal(0, harness.Runner.Started);
    }

    [Fact]
    public void SavedChangesOverrideTheConfigurationAtStart()
    {
        using var harness = Harness.Create(enabled: false, analyze: (false, "TZ=UTC 0 0 4 * * *"));
        harness.Settings.SetEnabled("monitoring-scheduler", true);
        harness.Settings.SetCron("scheduler-db-servers-analyze", "TZ=UTC 0 30 1 * * *");

        var reloaded = new SchedulerSettings("c", harness.Options, harness.Store);

        Assert.True(reloaded.Enabled);
        Assert.Equal("TZ=UTC 0 30 1 * * *", reloaded.Find("scheduler-db-servers-analyze")!.Cron.Text);
    }

    private sealed class Harness : IDisposable
    {
        private Harness(SchedulerOptions options, string datadir)
        {
            Options = options;
            Datadir = datadir;
            Store = new SavedSettingsFile(datadir);
            Settings = new SchedulerSettings("c", options, Store);
            Runner.Clock = Clock;
            Scheduler = new ClusterScheduler(Settings, Runner, Clock, NullLogger<ClusterScheduler>.Instance);
        }

        public SchedulerOptions Options { get; }

        public string Datadir { get; }

        public FakeTimeProvider Clock { get; } = new(StartTime);

        public RecordingRunner Runner { get; } = new();

        public SavedSettingsFile Store { get; }

        public SchedulerSettings Settings { get; }

        public ClusterScheduler Scheduler { get; }

        public static Harness Create(bool enabled, (bool On, string Cron) analyze)
        {
            var datadir = Path.Combine(Path.GetTempPath(), "repman-scheduler-" + Guid.NewGuid().ToString("N"));
            var path = Path.Combine(datadir, "config.toml");
            Directory.CreateDirectory(datadir);
            File.WriteAllText(path, $"""
                [c]
                db-servers-hosts = "h"
                db-servers-credential = "u:p"
                monitoring-scheduler = {(enabled ? "true" : "false")}
                scheduler-db-servers-analyze = {(analyze.On ? "true" : "false")}
                scheduler-db-servers-analyze-cron = "{analyze.Cron}"
                """);
            var options = ConfigurationLoader.Load(path).Options.Clusters[0].Scheduler;
            return new Harness(options, datadir);
        }

        public Running Start()
        {
            var stop = new CancellationTokenSource();
            return new Running(Scheduler.RunAsync(stop.Token), stop, this);
        }

        /// <summary>Lets the scheduler loop reach its wait for <paramref name="at"/> before the clock moves.</summary>
        public async Task WaitForWaitUntilAsync(DateTimeOffset at)
        {
            while (!Clock.HasTimerDueAt(at))
                await Task.Delay(2, TestContext.Current.CancellationToken);
        }

        public async Task<ScheduleTick> WaitForTickAsync(ScheduleOutcome outcome)
        {
            while (true)
            {
                if (Scheduler.Ticks.FirstOrDefault(tick => tick.Outcome == outcome) is { } found)
                    return found;
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }
        }

        public void Dispose()
        {
            if (Directory.Exists(Datadir))
                Directory.Delete(Datadir, recursive: true);
        }
    }

    private sealed class Running(Task loop, CancellationTokenSource stop, Harness harness) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            stop.Dispose();
            harness.Dispose();
        }
    }

    private sealed class RecordingRunner : IScheduledTaskRunner
    {
        private readonly Channel<(string Task, DateTimeOffset At, TaskCompletionSource Done)> _calls = Channel.CreateUnbounded<(string, DateTimeOffset, TaskCompletionSource)>();
        private readonly Dictionary<(string, DateTimeOffset), TaskCompletionSource> _pending = [];
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public FakeTimeProvider? Clock { get; set; }

        public Task RunAsync(string cluster, string task, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _started);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _calls.Writer.TryWrite((task, Clock!.GetUtcNow(), done));
            return done.Task;
        }

        public async Task<(string Task, DateTimeOffset At)> NextAsync()
        {
            var call = await _calls.Reader.ReadAsync(TestContext.Current.CancellationToken);
            lock (_pending)
                _pending[(call.Task, call.At)] = call.Done;
            return (call.Task, call.At);
        }

        public void Release((string Task, DateTimeOffset At) call)
        {
            lock (_pending)
                _pending[call].TrySetResult();
        }
    }
}
