using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>The tasks repman runs itself (spec 6.1.3.1 "logical"), by canonical task name.</summary>
public static class LocalTasks
{
    private static readonly Dictionary<string, ILocalTask> ByName = new ILocalTask[]
    {
        new MysqldumpBackupTask(), new MydumperBackupTask(), new AnalyzeTablesTask(), new OptimizeTablesTask(),
        new LogTableRotateTask(), new ChecksumTablesTask(), new SchemaSnapshotTask(),
    }.ToDictionary(task => task.Task, StringComparer.Ordinal);

    /// <summary>Every task name repman can run itself.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>The implementation of a task, or null for a task only the job script runs (or an unknown name).</summary>
    public static ILocalTask? For(string task) => ByName.GetValueOrDefault(task);

    /// <summary>
    /// The logical backup of <c>backup-logical-type</c>: mysqldump or mydumper; null for river and dumpling, which
    /// repman does not run (see <see cref="UnsupportedLogicalType"/>).
    /// </summary>
    public static ILocalTask? ForLogicalBackup(BackupOptions backup) => backup.LogicalType switch
    {
        JobTasks.Mysqldump or JobTasks.Mydumper => ByName[backup.LogicalType],
        _ => null,
    };

    public static string UnsupportedLogicalType(BackupOptions backup) =>
        $"backup-logical-type = {backup.LogicalType}: repman runs logical backups with mysqldump or mydumper only";

    /// <summary>
    /// Whether repman runs a task itself rather than the job script: tasks that may go either way
    /// (<see cref="SchedulerOptions.RemotableTasks"/>) run remotely only when <c>scheduler-jobs-exec-remote</c> names them,
    /// and optimize runs as SQL only while <c>optimize-use-sql</c> is true (its default), else the job script runs it.
    /// </summary>
    public static bool RunsLocally(string task, SchedulerOptions scheduler)
    {
        if (!ByName.ContainsKey(task) || scheduler.ExecRemote.Contains(task))
            return false;
        return task != JobTasks.Optimize || scheduler.OptimizeUseSql;
    }
}
