using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Backups;
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

    /// <summary>At start: ends the jobs of the history that an earlier process left in flight, and removes every partial file and folder.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var server in cluster.Monitoring.Hosts)
        {
            foreach (var directory in new[] { destinations.LogDirectory(server), destinations.BackupDirectory(server) }.Where(Directory.Exists))
            {
                // A partial file, or folder (mydumper's); the folder a physical backup's check extracts into.
                foreach (var partial in Directory.EnumerateFileSystemEntries(directory, ".*.partial").Concat(Directory.EnumerateDirectories(directory, ".*.verify")))
                    DeleteQuietly(partial);
            }
            // A stream renamed to its real name whose check died with the process: whole as received, but never
            // checked, listed or pruned. It goes, said in the log; the job ends in error below and the next run makes a checked one.
            foreach (var unlisted in BackupInventory.Unlisted(destinations.BackupDirectory(server)))
            {
                var bytes = File.Exists(unlisted) ? new FileInfo(unlisted).Length : 0;
                DeleteQuietly(unlisted);
                BackupLog.UnlistedBackupRemoved(logger, unlisted, server, cluster.Name, bytes);
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
        await ReachEveryJobsTableAsync(cancellationToken);
    }

    /// <summary>
    /// A process killed between writing a row and saving its history leaves a row no history knows. The SQL board
    /// ends such rows the first time it reaches a server; reaching every server now ends them at start, rather than
    /// at the next job there (which could be days away, the row showing "processing" all along).
    /// </summary>
    private async Task ReachEveryJobsTableAsync(CancellationToken cancellationToken)
    {
        var jobs = board();
        if (jobs.Mode != JobMode.Sql)
            return;
        await Parallel.ForEachAsync(cluster.Monitoring.Hosts, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (server, token) =>
            {
                try
                {
                    await jobs.ReadAsync(server, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Unreachable now: its abandoned rows end when the board first reaches it.
                    JobLog.JobsTableNotReachedAtStart(logger, server, cluster.Name, ex.Message);
                }
            });
    }

    public static void DeleteQuietly(string? path)
    {
        try
        {
            if (path is not null && Directory.Exists(path))
                Directory.Delete(path, recursive: true);
            else if (path is not null)
                File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A hidden partial file or folder that cannot be removed is never listed; the next start tries again.
        }
    }
}
