using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Jobs.PostJob;

/// <summary>
/// The step that runs once a job's stream arrived whole, before the job is a success: a physical backup is extracted
/// and prepared, and only then listed; a dump the script made is recorded and retention applied, as local dumps are.
/// Other streams (logs) have none.
/// </summary>
internal static class PostJobSteps
{
    public static Func<Job, CancellationToken, Task<PostJobOutcome>>? For(string task, ClusterOptions cluster, TimeProvider time, ILogger logger) => task switch
    {
        JobTasks.Mariabackup or JobTasks.Xtrabackup => (job, token) => PhysicalBackupCheck.RunAsync(job, cluster, logger, token),
        JobTasks.Mysqldump => (job, token) => RemoteDump.RecordMysqldumpAsync(job, cluster, time, logger, token),
        JobTasks.Mydumper => (job, token) => RemoteDump.RecordMydumperAsync(job, cluster, time, logger, token),
        _ => null,
    };
}
