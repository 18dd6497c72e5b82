using System.Globalization;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// Where received streams land (spec 6.1.6, DECISIONS 8): logs under <c>{datadir}/{cluster}/{host}_{port}/</c>,
/// backups under <c>{datadir}/Backups/{cluster}/{host}_{port}/</c>; each file is named after its task and time, so a
/// new transfer never touches an older complete file.
/// </summary>
public sealed class JobDestinations(string datadir, string cluster)
{
    /// <summary>The UTC second in the name of every received file and backup (<c>20261207T080000Z</c>).</summary>
    public const string StampFormat = "yyyyMMdd'T'HHmmss'Z'";

    public string LogDirectory(ServerAddress server) => Path.Combine(datadir, cluster, server.FolderName);

    public string BackupDirectory(ServerAddress server) => Path.Combine(ClusterBackupDirectory, server.FolderName);

    /// <summary>The folder holding every server's backup folder.</summary>
    public string ClusterBackupDirectory => Path.Combine(datadir, "Backups", cluster);

    /// <summary>
    /// The file a transfer of <paramref name="task"/> starting at <paramref name="at"/> lands in: named after the task and
    /// the second, with <c>_02</c>, <c>_03</c>... after the second when a file of that second exists already (two
    /// collections within one second each keep their file; the names still sort in order).
    /// </summary>
    public string For(ServerAddress server, string task, DateTimeOffset at)
    {
        var stamp = at.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture);
        var (directory, name, extension) = task switch
        {
            JobTasks.ErrorLog => (LogDirectory(server), $"log_error_{stamp}", ".log"),
            JobTasks.SlowQuery => (LogDirectory(server), $"log_slow_query_{stamp}", ".log"),
            JobTasks.AuditLog => (LogDirectory(server), $"log_audit_{stamp}", ".log"),
            JobTasks.Mariabackup or JobTasks.Xtrabackup => (BackupDirectory(server), $"{task}_{stamp}", ".xbstream"),
            JobTasks.Mysqldump => (BackupDirectory(server), $"mysqldump_{stamp}", ".sql.gz"),
            JobTasks.Mydumper => (BackupDirectory(server), $"mydumper_{stamp}", ".tar"),
            _ => (LogDirectory(server), $"{task}_{stamp}", ".out"),
        };
        var path = Path.Combine(directory, name + extension);
        for (var sequence = 2; File.Exists(path) && sequence < 1000; sequence++)
            path = Path.Combine(directory, $"{name}_{sequence:00}{extension}");
        return path;
    }
}
