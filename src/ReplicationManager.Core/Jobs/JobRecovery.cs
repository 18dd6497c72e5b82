using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// Restart safety: the jobs an earlier repman process was driving cannot finish (their receivers and local work died
/// with it), so they end in error with <see cref="JobEngine.RestartMessage"/>, in their board and in the history,
/// and their partial files are deleted. (Rows that this process has no history of are ended by the SQL board when it
/// first reaches their server.)
/// </summary>
internal sealed class JobRecovery(ClusterOptions cluster, JobBook book, Func<IJobBoard> board, JobDestinations destinations, string processId, ILogger logger)
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
            // Only the jobs table outlives a process; an API-mode job lived in the process that died.
            if (job.Mode != JobMode.Api)
            {
                try
                {
                    await board().TransitionAsync(job.Target, job.Id, NotOver, JobState.Error, JobEngine.RestartMessage, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    JobLog.RecoveryRowNotUpdated(logger, job.Task, job.Target, cluster.Name, ex.Message);
                }
            }
            await book.SaveAsync(job with
            {
                State = JobState.Error,
                Result = JobProgress.Append(job.Result, JobEngine.RestartMessage),
                End = book.Now(),
                PartialPath = null,
                WaitingFor = null,
            });
            JobLog.AbortedAfterRestart(logger, job.Task, job.Target, cluster.Name, job.Id);
        }
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
