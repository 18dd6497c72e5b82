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
    public string LogDirectory(ServerAddress server) => Path.Combine(datadir, cluster, server.FolderName);

    public string BackupDirectory(ServerAddress server) => Path.Combine(datadir, "Backups", cluster, server.FolderName);

    public string For(ServerAddress server, string task, DateTimeOffset at)
    {
        var stamp = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return task switch
        {
            JobTasks.ErrorLog => Path.Combine(LogDirectory(server), $"log_error_{stamp}.log"),
            JobTasks.SlowQuery => Path.Combine(LogDirectory(server), $"log_slow_query_{stamp}.log"),
            JobTasks.AuditLog => Path.Combine(LogDirectory(server), $"log_audit_{stamp}.log"),
            JobTasks.Mariabackup or JobTasks.Xtrabackup => Path.Combine(BackupDirectory(server), $"{task}_{stamp}.xbstream"),
            JobTasks.Mysqldump => Path.Combine(BackupDirectory(server), $"mysqldump_{stamp}.sql.gz"),
            JobTasks.Mydumper => Path.Combine(BackupDirectory(server), $"mydumper_{stamp}.tar"),
            _ => Path.Combine(LogDirectory(server), $"{task}_{stamp}.out"),
        };
    }
}
