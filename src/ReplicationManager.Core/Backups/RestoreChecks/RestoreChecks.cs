using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Reseed;
using ReplicationManager.Core.Scheduling;

namespace ReplicationManager.Core.Backups.RestoreChecks;

/// <summary>
/// The restore checks of one cluster (<c>scheduler-restore-check</c>, <c>actions/restore-check</c>): the newest
/// physical and the newest mysqldump backup are each checked by a <c>restorecheck</c> job on the server they were
/// taken from, one after the other (they share the scratch server's port).
/// </summary>
public sealed class RestoreChecks : IScheduledTaskRunner, IAsyncDisposable
{
    private readonly ClusterJobs _jobs;
    private readonly RestoreCheck _check;
    private readonly BackgroundWork _work = new();
    private readonly CancellationTokenSource _lifetime = new();

    internal RestoreChecks(ClusterJobs jobs, Options.ClusterOptions cluster, IClusterRegistry registry, string datadir, TimeProvider time)
    {
        _jobs = jobs;
        _check = new RestoreCheck(cluster, registry, Path.Combine(datadir, "restore-check"), time);
    }

    /// <summary>The backups a check run takes: the newest of each kind, with the metadata that describes it.</summary>
    public IReadOnlyList<(string Kind, ReseedSource Backup)> Candidates()
    {
        var directory = _jobs.Destinations.ClusterBackupDirectory;
        return new[] { ("physical", ReseedSources.Physical(directory, includeFailedChecks: true)), ("logical", ReseedSources.Logical(directory, includeFailedChecks: true)) }
            .Where(kind => kind.Item2.Count > 0).Select(kind => (kind.Item1, kind.Item2[0])).ToList();
    }

    /// <summary>
    /// Starts the first check now and the others after it, in the background (awaited when repman stops); the first
    /// job, or why none started.
    /// </summary>
    public async Task<(Job? First, string? Refused)> BeginAsync(CancellationToken cancellationToken)
    {
        var candidates = Candidates();
        if (candidates.Count == 0)
            return (null, "the cluster has no physical or mysqldump backup with a GTID to check");
        var first = await StartAsync(candidates[0].Backup, cancellationToken);
        if (!first.IsAccepted)
            return (null, first.RefusedBecause);
        _work.Start(async () =>
        {
            await ((Task)first.Completion!).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var (_, backup) in candidates.Skip(1))
            {
                var next = await StartAsync(backup, _lifetime.Token);
                if (next.IsAccepted)
                    await ((Task)next.Completion!).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        });
        return (first.Job, null);
    }

    /// <summary>The scheduled run: every check, one after the other; fails naming the checks that failed.</summary>
    public async Task RunAsync(string cluster, string task, CancellationToken cancellationToken)
    {
        var candidates = Candidates();
        if (candidates.Count == 0)
            throw new InvalidOperationException("the cluster has no physical or mysqldump backup with a GTID to check");
        var failed = new List<string>();
        foreach (var (kind, backup) in candidates)
        {
            var submission = await StartAsync(backup, cancellationToken);
            if (!submission.IsAccepted)
            {
                failed.Add($"{kind} backup {backup.Id}: {submission.RefusedBecause}");
                continue;
            }
            var ended = await submission.Completion!.WaitAsync(cancellationToken);
            if (ended.State != JobState.Success)
                failed.Add(ended.Result);
        }
        if (failed.Count > 0)
            throw new InvalidOperationException(string.Join("; ", failed));
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        await _work.WhenAllAsync();
        _lifetime.Dispose();
    }

    private Task<JobSubmission> StartAsync(ReseedSource backup, CancellationToken cancellationToken)
    {
        var metadata = Path.Combine(Path.GetDirectoryName(backup.Path)!, backup.Id + ".meta.json");
        return _jobs.Engine.RunLocalAsync(backup.Server, JobTasks.RestoreCheck, token => _check.RunAsync(metadata, token), cancellationToken);
    }
}
