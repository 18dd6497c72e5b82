using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Scheduling;

namespace ReplicationManager.Core.Jobs;

/// <summary>The jobs side of one cluster: its engine, its scheduler and the runner between them.</summary>
public sealed class ClusterJobs : IAsyncDisposable
{
    private ClusterJobs(ClusterOptions options, JobEngine engine, ClusterScheduler scheduler, ScheduledJobRunner runner, JobDestinations destinations)
    {
        Options = options;
        Engine = engine;
        Scheduler = scheduler;
        Runner = runner;
        Destinations = destinations;
    }

    public ClusterOptions Options { get; }

    public string Name => Options.Name;

    public JobEngine Engine { get; }

    public ClusterScheduler Scheduler { get; }

    public ScheduledJobRunner Runner { get; }

    public JobDestinations Destinations { get; }

    public static async Task<ClusterJobs> CreateAsync(
        ClusterOptions cluster,
        string datadir,
        IClusterRegistry registry,
        ServerStateStore stateStore,
        Func<string, ILocalTask?> localTasks,
        TimeProvider time,
        ILoggerFactory loggers,
        string processId,
        CancellationToken cancellationToken)
    {
        var history = await JobHistory.LoadAsync(cluster.Name, cluster.Monitoring.Hosts, new ServerStateJobHistoryStore(stateStore), cluster.Scheduler.HistoryKeep, cancellationToken);
        var destinations = new JobDestinations(datadir, cluster.Name);
        var connections = new JobConnections(cluster.Monitoring);
        var engine = new JobEngine(cluster, history, connections, new ReceiverPortPool(cluster.Scheduler.SenderPorts), destinations, time, loggers.CreateLogger<JobEngine>(), processId);
        var runner = new ScheduledJobRunner(cluster, registry, engine, localTasks, destinations, time, loggers.CreateLogger<ScheduledJobRunner>());
        var settings = new SchedulerSettings(cluster.Name, cluster.Scheduler, new SavedSettingsFile(datadir));
        var scheduler = new ClusterScheduler(settings, runner, time, loggers.CreateLogger<ClusterScheduler>());
        return new ClusterJobs(cluster, engine, scheduler, runner, destinations);
    }

    public async ValueTask DisposeAsync() => await Engine.DisposeAsync();
}
