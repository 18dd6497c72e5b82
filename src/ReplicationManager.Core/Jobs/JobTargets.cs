using ReplicationManager.Core.Options;
using ReplicationManager.Core.Options.Keys;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// Which servers a scheduled task runs on, as replication-manager picks them: logical and physical backups on the
/// preferred backup server (db-servers-backup-hosts) when it answers, else the primary; logs on every server that
/// answers (in API mode on every server: the script can send the log of a server that crashed); optimize on the
/// replicas; analyze and log-table rotation on the primary. Pure: decided from the snapshot.
/// </summary>
public static class JobTargets
{
    /// <param name="script">How jobs reach the job script now: <see cref="JobMode.Sql"/> or <see cref="JobMode.Api"/>.</param>
    public static JobPlans For(string scheduledTask, ClusterSnapshot snapshot, ClusterOptions cluster, JobMode script = JobMode.Sql)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(cluster);
        var reachable = snapshot.Servers.Where(server => !server.State.IsUnreachable() && !server.IsFromSavedState).ToList();
        var primary = snapshot.Primary is { } p && !p.State.IsUnreachable() ? p : null;
        return scheduledTask switch
        {
            _ when scheduledTask == SchedulerKeys.LogicalBackup.Name => Backup(LogicalTool(cluster), cluster, reachable, primary, LocalUnlessForced(cluster, LogicalTool(cluster), script)),
            _ when scheduledTask == SchedulerKeys.PhysicalBackup.Name => Backup(PhysicalTool(cluster, primary), cluster, reachable, primary, script),
            _ when scheduledTask == SchedulerKeys.Logs.Name => Every(script == JobMode.Api ? snapshot.Servers.ToList() : reachable, script, JobTasks.ErrorLog, JobTasks.SlowQuery),
            _ when scheduledTask == SchedulerKeys.LogsTableRotate.Name => OnPrimary(primary, JobTasks.LogRotate),
            _ when scheduledTask == SchedulerKeys.Analyze.Name => OnPrimary(primary, JobTasks.Analyze),
            // The job script runs on every host: SSH can reach a host whose database does not answer.
            _ when scheduledTask == SchedulerKeys.JobsSsh.Name => Every(snapshot.Servers.ToList(), JobMode.Local, JobTasks.DbJobs),
            _ when scheduledTask == SchedulerKeys.Optimize.Name => Every(
                reachable.Where(server => server.State.IsReplica()).ToList(),
                cluster.Scheduler.OptimizeUseSql ? LocalUnlessForced(cluster, JobTasks.Optimize, script) : script,
                JobTasks.Optimize),
            _ => JobPlans.None($"{scheduledTask} is not available in this version of repman"),
        };
    }

    /// <summary>The logical backup tool: backup-logical-type (repman runs mysqldump and mydumper; others are refused when started).</summary>
    public static string LogicalTool(ClusterOptions cluster) => cluster.Backup.LogicalType;

    /// <summary>
    /// The job an API action asks for on one server: <c>backup-logical</c>, <c>backup-physical</c>,
    /// <c>backup-error-log</c>, <c>backup-slowquery-log</c>, <c>optimize</c>, <c>run-jobs</c> (the script over SSH), or
    /// <c>stop</c>, <c>start</c>, <c>restart</c> (through the script); null for another action.
    /// </summary>
    public static JobPlan? ForServerAction(string action, ServerSnapshot server, ClusterOptions cluster, JobMode script = JobMode.Sql)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(cluster);
        return action switch
        {
            "backup-logical" => new JobPlan(server.Address, LogicalTool(cluster), LocalUnlessForced(cluster, LogicalTool(cluster), script)),
            "backup-physical" => new JobPlan(server.Address, PhysicalTool(cluster, server), script),
            "backup-error-log" => new JobPlan(server.Address, JobTasks.ErrorLog, script),
            "backup-slowquery-log" => new JobPlan(server.Address, JobTasks.SlowQuery, script),
            "optimize" => new JobPlan(server.Address, JobTasks.Optimize, cluster.Scheduler.OptimizeUseSql ? LocalUnlessForced(cluster, JobTasks.Optimize, script) : script),
            "run-jobs" => new JobPlan(server.Address, JobTasks.DbJobs, JobMode.Local),
            "stop" or "start" or "restart" => new JobPlan(server.Address, action, script),
            _ => null,
        };
    }

    /// <summary>
    /// The actions that run for a server whose database does not answer: running the job script over SSH, and in API
    /// mode collecting the logs that say why the server stopped (spec 6.1.8.2, crash log delivery).
    /// </summary>
    public static bool RunsOnAnUnreachableServer(string action, JobMode script) =>
        action == "run-jobs" || (script == JobMode.Api && action is "backup-error-log" or "backup-slowquery-log" or "start" or "stop" or "restart");

    /// <summary>The physical backup tool: mariabackup on MariaDB whatever backup-physical-type says (as replication-manager does).</summary>
    public static string PhysicalTool(ClusterOptions cluster, ServerSnapshot? primary) =>
        primary?.Flavor == ServerFlavor.MariaDb || cluster.Backup.PhysicalType == "mariabackup" ? JobTasks.Mariabackup : JobTasks.Xtrabackup;

    private static JobMode LocalUnlessForced(ClusterOptions cluster, string task, JobMode script) =>
        cluster.Scheduler.ExecRemote.Contains(task) ? script : JobMode.Local;

    private static JobPlans Backup(string task, ClusterOptions cluster, List<ServerSnapshot> reachable, ServerSnapshot? primary, JobMode mode)
    {
        var backupHost = cluster.Monitoring.BackupHosts
            .Select(address => reachable.FirstOrDefault(server => server.Address == address))
            .FirstOrDefault(server => server is not null);
        var target = backupHost ?? primary;
        return target is null
            ? JobPlans.None("no backup server answers and there is no reachable primary")
            : JobPlans.Of([new JobPlan(target.Address, task, mode)]);
    }

    private static JobPlans OnPrimary(ServerSnapshot? primary, string task) =>
        primary is null ? JobPlans.None("there is no reachable primary") : JobPlans.Of([new JobPlan(primary.Address, task, JobMode.Local)]);

    private static JobPlans Every(List<ServerSnapshot> servers, JobMode mode, params string[] tasks) =>
        servers.Count == 0
            ? JobPlans.None("no server of the cluster answers")
            : JobPlans.Of(servers.SelectMany(server => tasks.Select(task => new JobPlan(server.Address, task, mode))));
}
