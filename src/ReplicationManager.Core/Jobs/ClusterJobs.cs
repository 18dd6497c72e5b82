using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Jobs.Api;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Jobs.Protocol;
using ReplicationManager.Core.Jobs.Sql;
using ReplicationManager.Core.Jobs.Ssh;
using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Reseed;
using ReplicationManager.Core.Scheduling;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The jobs side of one cluster: its engine and the board it uses (by <c>scheduler-jobs-mode</c>), its scheduler and
/// the runner between them, and the checks of the hosts' job scripts. Switching the mode goes through here.
/// </summary>
public sealed class ClusterJobs : IAsyncDisposable
{
    private readonly string _processId;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly SemaphoreSlim _switching = new(1, 1);
    private JobsTableRetirement? _retirement;

    private readonly SshJobScript _ssh;
    private readonly ReseedTransfers _transfers;
    private readonly Backups.Restic.ResticArchive? _archive;

    private ClusterJobs(ClusterOptions options, JobEngine engine, ClusterScheduler scheduler, ScheduledJobRunner runner, JobDestinations destinations,
        JobScriptChecks scripts, SshJobScript ssh, IClusterRegistry registry, string datadir, string processId, TimeProvider time, ILoggerFactory loggers)
    {
        _ssh = ssh;
        var repoint = new ReseedRepoint(options, registry, time);
        _transfers = new ReseedTransfers(options, engine, repoint, time, loggers.CreateLogger<ReseedTransfers>());
        engine.Hooks = _transfers;
        if (options.Backup.Restic.Enabled)
            engine.Archive = _archive = new Backups.Restic.ResticArchive(options, datadir);
        RestoreChecks = new Backups.RestoreChecks.RestoreChecks(this, options, registry, datadir, time);
        Reseeds = new ReseedCoordinator(this, registry, _transfers, new LogicalReseed(options, destinations, repoint), loggers.CreateLogger<ReseedCoordinator>());
        Options = options;
        Engine = engine;
        Scheduler = scheduler;
        Runner = runner;
        Destinations = destinations;
        Scripts = scripts;
        _processId = processId;
        _time = time;
        _loggers = loggers;
        if (engine.Mode == JobMode.Api)
            _retirement = new JobsTableRetirement(options, loggers.CreateLogger<JobsTableRetirement>());
    }

    public ClusterOptions Options { get; }

    public string Name => Options.Name;

    public JobEngine Engine { get; }

    public ClusterScheduler Scheduler { get; }

    public ScheduledJobRunner Runner { get; }

    public JobDestinations Destinations { get; }

    /// <summary>The cluster's restic repository, when <c>backup-restic</c> is on.</summary>
    public Backups.Restic.ResticArchive? Archive => _archive;

    /// <summary>The restore checks of the cluster's backups (scheduler-restore-check, actions/restore-check).</summary>
    public Backups.RestoreChecks.RestoreChecks RestoreChecks { get; }

    /// <summary>The reseeds of the cluster's servers (actions/reseed).</summary>
    public ReseedCoordinator Reseeds { get; }

    /// <summary>The hosts' job scripts compared with repman's (receive-jobs-check).</summary>
    public JobScriptChecks Scripts { get; }

    /// <summary>What the jobs side warns about on its servers: jobs in flight, kept jobs tables, outdated scripts.</summary>
    public IReadOnlyList<JobWarning> Warnings => [.. Engine.Warnings, .. _retirement?.Warnings ?? [], .. Scripts.Warnings];

    /// <param name="apiPort">The HTTPS API port, for the job scripts' environment (REPLICATION_MANAGER_URL).</param>
    public static async Task<ClusterJobs> CreateAsync(
        ClusterOptions cluster,
        string datadir,
        int apiPort,
        IClusterRegistry registry,
        ServerStateStore stateStore,
        Func<string, ILocalTask?> localTasks,
        TimeProvider time,
        ILoggerFactory loggers,
        string processId,
        CancellationToken cancellationToken,
        Func<string, ClusterJobs, IScheduledTaskRunner?>? clusterTasks = null)
    {
        var history = await JobHistory.LoadAsync(cluster.Name, cluster.Monitoring.Hosts, new ServerStateJobHistoryStore(stateStore), cluster.Scheduler.HistoryKeep, cancellationToken);
        var destinations = new JobDestinations(datadir, cluster.Name);
        var settings = new SchedulerSettings(cluster.Name, cluster.Scheduler, new SavedSettingsFile(datadir));
        var ports = new ReceiverPortPool(cluster.Scheduler.SenderPorts);
        var board = NewBoard(settings.JobsMode, cluster, history, destinations, processId, time, loggers);
        var engine = new JobEngine(cluster, history, board, ports, destinations, time, loggers.CreateLogger<JobEngine>(), processId);
        var script = JobScriptFile.For(cluster.Ssh.DbJobScript);
        var ssh = new SshJobScript(cluster, datadir, apiPort, () => engine.Mode, script, loggers.CreateLogger<SshJobScript>());
        ILocalTask? Tasks(string task) => task == JobTasks.DbJobs ? ssh : localTasks(task);
        var runner = new ScheduledJobRunner(cluster, registry, engine, Tasks, destinations, time, loggers.CreateLogger<ScheduledJobRunner>());
        ClusterJobs? created = null;
        // Tasks of the whole cluster (the rolling restart) go to their own runner, which works through these jobs.
        var router = new ScheduledTaskRouter(runner, task => clusterTasks?.Invoke(task, created!));
        var scheduler = new ClusterScheduler(settings, router, time, loggers.CreateLogger<ClusterScheduler>());
        var scripts = new JobScriptChecks(cluster, ports, destinations, script, time, loggers.CreateLogger<JobScriptChecks>());
        created = new ClusterJobs(cluster, engine, scheduler, runner, destinations, scripts, ssh, registry, datadir, processId, time, loggers);
        return created;
    }

    /// <summary>
    /// In API mode, drops the jobs tables no longer needed (each server once, when no row there is busy); does
    /// nothing in SQL mode or once every server is settled. Called at start and now and then after.
    /// </summary>
    public async Task RetireJobsTablesAsync(CancellationToken cancellationToken)
    {
        if (_retirement is { IsSettled: false } retirement && Engine.Mode == JobMode.Api)
            await retirement.RetireAsync(cancellationToken);
    }

    /// <summary>
    /// Switches <c>scheduler-jobs-mode</c> at run time, kept across restarts. Refused, with every reason, while a job
    /// is in flight, or (to API mode) while a server's jobs table holds a busy row or a server does not answer.
    /// </summary>
    public async Task<string?> SwitchModeAsync(JobMode mode, CancellationToken cancellationToken)
    {
        if (mode == JobMode.Local)
            return "the jobs mode is sql or api";
        await _switching.WaitAsync(cancellationToken);
        try
        {
            if (Engine.Mode == mode)
                return null;
            var retirement = mode == JobMode.Api ? new JobsTableRetirement(Options, _loggers.CreateLogger<JobsTableRetirement>()) : null;
            var (busy, refused) = await Engine.ReplaceBoardAsync(mode, async token =>
            {
                if (retirement is not null && await retirement.RetireAsync(token) is { Count: > 0 } refusals)
                    return (null, "the jobs tables cannot be dropped yet: " + string.Join("; ", refusals));
                return (NewBoard(mode, Options, Engine.History, Destinations, _processId, _time, _loggers), null);
            }, cancellationToken);
            if (busy.Count > 0)
                return $"{busy.Count} job(s) in flight: {string.Join(", ", busy.Select(job => $"{job.Task} on {job.Target} (job {job.Id})"))}; wait for them or cancel them";
            if (refused is not null)
                return refused;
            _retirement = retirement;
            Scheduler.Settings.RecordJobsMode(mode);
            return null;
        }
        finally
        {
            _switching.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Scripts.DisposeAsync();
        await RestoreChecks.DisposeAsync();
        await _transfers.DisposeAsync();
        await Engine.DisposeAsync();
        await _ssh.DisposeAsync();
        _archive?.Dispose();
    }

    private static IJobBoard NewBoard(JobMode mode, ClusterOptions cluster, JobHistory history, JobDestinations destinations, string processId, TimeProvider time, ILoggerFactory loggers) =>
        mode == JobMode.Api
            ? new ApiJobBoard(cluster.Name, cluster.Monitoring.MonitoringAddress, cluster.Monitoring.Hosts, destinations,
                history.All().Select(job => job.Id).DefaultIfEmpty(0).Max() + 1, time, loggers.CreateLogger<ApiJobBoard>())
            : new SqlJobBoard(cluster, processId, loggers.CreateLogger<SqlJobBoard>());
}
