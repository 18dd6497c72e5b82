using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Core.Failover;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options.Keys;
using ReplicationManager.Core.Scheduling;
using ReplicationManager.Core.Tests.Monitoring;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Failover;

/// <summary>The scheduler's path to a rolling restart: routed away from the jobs, refused with its reason.</summary>
public sealed class ScheduledRollingRestartTests
{
    [Fact]
    public async Task TheRouterSendsTheRollingRestartToItsRunnerAndEverythingElseToTheJobs()
    {
        var jobs = new RecordingRunner();
        var rolling = new RecordingRunner();
        var router = new ScheduledTaskRouter(jobs, task => task == SchedulerKeys.RollingRestart.Name ? rolling : null);

        await router.RunAsync("lab", SchedulerKeys.RollingRestart.Name, TestContext.Current.CancellationToken);
        await router.RunAsync("lab", SchedulerKeys.LogicalBackup.Name, TestContext.Current.CancellationToken);

        Assert.Equal([SchedulerKeys.RollingRestart.Name], rolling.Tasks);
        Assert.Equal([SchedulerKeys.LogicalBackup.Name], jobs.Tasks);
    }

    [Fact]
    public async Task AScheduledRollingRestartWithoutAPrimaryFailsSayingWhyAndRestartsNothing()
    {
        var options = TestClusters.Options(datadir: Path.Combine(Path.GetTempPath(), "repman-rolling-" + Guid.NewGuid().ToString("N")));
        var cluster = options.Clusters[0];
        await using var coordinator = new FailoverCoordinator(cluster, new ClusterRegistry(options), new FailoverHistoryStore(options.Global.Datadir), [],
            TimeProvider.System, NullLogger.Instance);
        var restarts = new RecordingRestart();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ScheduledRollingRestart(coordinator, restarts).RunAsync(cluster.Name, SchedulerKeys.RollingRestart.Name, TestContext.Current.CancellationToken));

        Assert.Contains("no primary that answers", error.Message, StringComparison.Ordinal);
        Assert.Empty(restarts.Servers);
    }

    private sealed class RecordingRunner : IScheduledTaskRunner
    {
        public List<string> Tasks { get; } = [];

        public Task RunAsync(string cluster, string task, CancellationToken cancellationToken)
        {
            Tasks.Add(task);
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingRestart : IServerRestart
    {
        public List<ServerAddress> Servers { get; } = [];

        public Task RestartAsync(ServerAddress server, CancellationToken cancellationToken)
        {
            Servers.Add(server);
            return Task.CompletedTask;
        }
    }
}
