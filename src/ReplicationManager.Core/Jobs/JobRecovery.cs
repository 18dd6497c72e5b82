using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Jobs.Sql;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// Restart safety: the jobs an earlier repman process was driving cannot finish (their receivers and local work died
/// with it), so they end in error with <see cref="JobEngine.RestartMessage"/>, in the table and in the history, and
/// their partial files are deleted.
/// </summary>
internal sealed class JobRecovery(ClusterOptions cluster, JobBook book, JobConnections connections, JobDestinations destinations, string processId, ILogger logger)
{
    private static readonly JobState[] NotOver = [JobState.Pending, JobState.Processing, JobState.Halted, JobState.Finished];

    /// <summary>At start: ends the jobs of the history that an earlier process left in flight, and removes every partial file.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var server in cluster.Monitoring.Hosts)
        {
            foreach (var directory in new[] { destinations.LogDirectory(server), destinations.BackupDirectory(server) }.Where(Directory.Exists))
            {
                foreach (var partial in Directory.EnumerateFiles(directory, ".*.partial"))
                    DeleteQuietly(partial);
            }
        }
        foreach (var job in book.History.All().Where(job => !job.State.IsOver() && job.DrivenBy != processId))
        {
            DeleteQuietly(job.PartialPath);
            try
            {
                await connections.UseAsync(job.Target, connection =>
                    JobsTable.TransitionAsync(connection, job.Id, NotOver, JobState.Error, JobEngine.RestartMessage, cancellationToken), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                JobLog.RecoveryRowNotUpdated(logger, job.Task, job.Target, cluster.Name, ex.Message);
            }
            var result = string.IsNullOrEmpty(job.Result) ? JobEngine.RestartMessage : job.Result + "\n" + JobEngine.RestartMessage;
            await book.History.PutAsync(job with { State = JobState.Error, Result = result, End = book.Now(), PartialPath = null, WaitingFor = null }, cancellationToken);
            JobLog.AbortedAfterRestart(logger, job.Task, job.Target, cluster.Name, job.Id);
        }
    }

    /// <summary>
    /// The first time this process reaches a server: rows an earlier repman process drove and that died with it end
    /// in error, even when this process has no history of them (a lost data directory).
    /// </summary>
    public async Task EndAbandonedRowsAsync(ServerAddress server, MariaDbConnection connection, CancellationToken cancellationToken)
    {
        foreach (var row in await JobsTable.EndAbandonedAsync(connection, processId, cluster.Monitoring.MonitoringAddress, JobEngine.RestartMessage, cancellationToken))
            JobLog.AbandonedRowEnded(logger, row.Task, server, cluster.Name, row.Id, row.State.ToString());
    }

    public static void DeleteQuietly(string? path)
    {
        try
        {
            if (path is not null)
                File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A hidden partial file that cannot be removed is never listed; nothing more to do.
        }
    }
}
