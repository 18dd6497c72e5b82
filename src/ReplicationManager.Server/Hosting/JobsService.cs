using ReplicationManager.Core.Failover;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Options.Keys;
using ReplicationManager.Core.Scheduling;

namespace ReplicationManager.Server.Hosting;

/// <summary>
/// Runs the jobs of every cluster: at start each engine ends the jobs an earlier process left in flight; then each
/// cluster's scheduler fires its tasks while the engine follows the jobs' rows every monitoring tick.
/// </summary>
internal sealed partial class JobsService(
    RepmanOptions options,
    IClusterRegistry clusters,
    ServerStateStore stateStore,
    JobsRegistry registry,
    FailoverRegistry failovers,
    Func<string, ILocalTask?> localTasks,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<JobsService> logger) : BackgroundService
{
    private const int TableRetirementTicks = 30;


    private static readonly string ProcessId = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new List<Task>();
        foreach (var cluster in options.Clusters)
        {
            var coordinator = failovers.Get(cluster.Name)!;
            IScheduledTaskRunner? ClusterTask(string task, ClusterJobs jobs) =>
                task == SchedulerKeys.RollingRestart.Name ? new ScheduledRollingRestart(coordinator, new ScriptRestart(jobs))
                : task == SchedulerKeys.RestoreCheck.Name ? jobs.RestoreChecks
                : null;
            var jobs = await ClusterJobs.CreateAsync(cluster, options.Global.Datadir, options.Global.Api.ApiPort, clusters, stateStore, localTasks, time, loggers, ProcessId,
                stoppingToken, ClusterTask);
            try
            {
                await jobs.Engine.RecoverAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRecoveryFailed(logger, cluster.Name, ex);
            }
            registry.Add(jobs);
            loops.Add(jobs.Scheduler.RunAsync(stoppingToken));
            loops.Add(FollowAsync(jobs, stoppingToken));
        }
        try
        {
            await Task.WhenAll(loops);
        }
        finally
        {
            foreach (var jobs in registry.All)
                await jobs.DisposeAsync();
        }
    }

    private async Task FollowAsync(ClusterJobs jobs, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(jobs.Options.Monitoring.Ticker, time);
        var ticks = 0L;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // In API mode each server's jobs table goes once it holds no busy row; tried now and then, not each tick.
                if (ticks++ % TableRetirementTicks == 0)
                    await jobs.RetireJobsTablesAsync(stoppingToken);
                await jobs.Engine.TickAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTickFailed(logger, jobs.Name, ex);
            }
        }
    }

    [LoggerMessage(3201, LogLevel.Error, "Jobs of {Cluster}: ending the jobs left by an earlier process failed")]
    private static partial void LogRecoveryFailed(ILogger logger, string cluster, Exception exception);

    [LoggerMessage(3202, LogLevel.Error, "Jobs of {Cluster}: following the job rows failed this tick")]
    private static partial void LogTickFailed(ILogger logger, string cluster, Exception exception);
}
