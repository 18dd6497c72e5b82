using ReplicationManager.Core.Options;
using ReplicationManager.Core.Options.Keys;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// Which servers a scheduled task runs on, as replication-manager picks them: logical and physical backups on the
/// preferred backup server (db-servers-backup-hosts) when it answers, else the primary; logs on every server;
/// optimize on the replicas; analyze and log-table rotation on the primary. Pure: decided from the snapshot.
/// </summary>
public static class JobTargets
{
    public static JobPlans For(string scheduledTask, ClusterSnapshot snapshot, ClusterOptions cluster)
    {
        var reachable = snapshot.Servers.Where(server => !server.State.IsUnreachable() && !server.IsFromSavedState).ToList();
        var primary = snapshot.Primary is { } p && !p.State.IsUnreachable() ? p : null;
        return scheduledTask switch
        {
            _ when scheduledTask == SchedulerKeys.LogicalBackup.Name => Backup(LogicalTool(cluster), cluster, reachable, primary, LocalUnlessForced(cluster, LogicalTool(cluster))),
            _ when scheduledTask == SchedulerKeys.PhysicalBackup.Name => Backup(PhysicalTool(cluster, primary), cluster, reachable, primary, JobMode.Sql),
            _ when scheduledTask == SchedulerKeys.Logs.Name => Every(reachable, JobMode.Sql, JobTasks.ErrorLog, JobTasks.SlowQuery),
            _ when scheduledTask == SchedulerKeys.LogsTableRotate.Name => OnPrimary(primary, JobTasks.LogRotate),
            _ when scheduledTask == SchedulerKeys.Analyze.Name => OnPrimary(primary, JobTasks.Analyze),
            _ when scheduledTask == SchedulerKeys.Optimize.Name => Every(
                reachable.Where(server => server.State.IsReplica()).ToList(),
                cluster.Scheduler.OptimizeUseSql ? LocalUnlessForced(cluster, JobTasks.Optimize) : JobMode.Sql,
                JobTasks.Optimize),
            _ => JobPlans.None($"{scheduledTask} is not available in this version of repman"),
        };
    }

    /// <summary>The logical backup tool: backup-logical-type (repman runs mysqldump and mydumper; others are refused when started).</summary>
    public static string LogicalTool(ClusterOptions cluster) => cluster.Backup.LogicalType;

    /// <summary>
    /// The job an API action asks for on one server: <c>backup-logical</c>, <c>backup-physical</c>,
    /// <c>backup-error-log</c>, <c>backup-slowquery-log</c> or <c>optimize</c>; null for another action.
    /// </summary>
    public static JobPlan? ForServerAction(string action, ServerSnapshot server, ClusterOptions cluster) => action switch
    {
        "backup-logical" => new JobPlan(server.Address, LogicalTool(cluster), LocalUnlessForced(cluster, LogicalTool(cluster))),
        "backup-physical" => new JobPlan(server.Address, PhysicalTool(cluster, server), JobMode.Sql),
        "backup-error-log" => new JobPlan(server.Address, JobTasks.ErrorLog, JobMode.Sql),
        "backup-slowquery-log" => new JobPlan(server.Address, JobTasks.SlowQuery, JobMode.Sql),
        "optimize" => new JobPlan(server.Address, JobTasks.Optimize, cluster.Scheduler.OptimizeUseSql ? LocalUnlessForced(cluster, JobTasks.Optimize) : JobMode.Sql),
        _ => null,
    };

    /// <summary>The physical backup tool: mariabackup on MariaDB whatever backup-physical-type says (as replication-manager does).</summary>
    public static string PhysicalTool(ClusterOptions cluster, ServerSnapshot? primary) =>
        primary?.Flavor == ServerFlavor.MariaDb || cluster.Backup.PhysicalType == "mariabackup" ? JobTasks.Mariabackup : JobTasks.Xtrabackup;

    private static JobMode LocalUnlessForced(ClusterOptions cluster, string task) =>
        cluster.Scheduler.ExecRemote.Contains(task) ? JobMode.Sql : JobMode.Local;

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
