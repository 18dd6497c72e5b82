using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The jobs a cluster's engine has in flight, one per task and server, and their records in the history.
/// A task is reserved before its job is queued, so two requests for it can never both go through. A history that
/// cannot be written is logged, never fatal: the job goes on and the in-memory history stays right.
/// </summary>
internal sealed class JobBook(JobHistory history, string receiverHost, string processId, TimeProvider time, ILogger logger, CancellationToken lifetime)
{
    private readonly object _gate = new();
    private readonly Dictionary<(ServerAddress Server, string Task), InFlightJob> _jobs = [];
    private string? _closedBecause;

    public JobHistory History => history;

    public IReadOnlyList<InFlightJob> All
    {
        get
        {
            lock (_gate)
                return _jobs.Values.ToList();
        }
    }

    /// <summary>The jobs whose rows the engine follows each tick: queued for the script, their receiver ready.</summary>
    public IReadOnlyList<InFlightJob> Followed
    {
        get
        {
            lock (_gate)
                return _jobs.Values.Where(job => job.Job.Id != 0 && job.Job.Mode != JobMode.Local && !job.IsPreparing).ToList();
        }
    }

    public InFlightJob? Find(ServerAddress server, string task)
    {
        lock (_gate)
            return _jobs.GetValueOrDefault((server, task)) is { Job.Id: not 0 } posted ? posted : null;
    }

    /// <summary>Holds the task on the server for a new job, or says why it cannot (a job holds it, or the book is closed).</summary>
    public string? Reserve(ServerAddress server, string task, JobMode mode)
    {
        lock (_gate)
        {
            if (_closedBecause is { } reason)
                return reason;
            if (_jobs.TryGetValue((server, task), out var running))
                return $"task {task} is already {running.Job.WaitingFor ?? running.Job.State.ToString().ToLowerInvariant()} on {server} (job {running.Job.Id})";
            // A placeholder, dropped unfinished when the job is tracked or the post fails: not linked to the lifetime,
            // whose token would keep a registration for each one until repman stops.
            _jobs[(server, task)] = new InFlightJob(NewRecord(0, server, task, mode, JobState.Halted), CancellationToken.None);
            return null;
        }
    }

    public void Unreserve(ServerAddress server, string task)
    {
        lock (_gate)
            _jobs.Remove((server, task));
    }

    /// <summary>
    /// Refuses new jobs with <paramref name="reason"/> while no job is in flight (to switch the jobs mode); returns
    /// the jobs in flight instead when there are any, and then refuses nothing.
    /// </summary>
    public IReadOnlyList<Job> Close(string reason)
    {
        lock (_gate)
        {
            if (_jobs.Count > 0)
                return _jobs.Values.Select(job => job.Job).ToList();
            _closedBecause = reason;
            return [];
        }
    }

    public void Reopen()
    {
        lock (_gate)
            _closedBecause = null;
    }

    /// <summary>Replaces the reservation with the queued job, saved in the history before anything else happens to it.</summary>
    /// <param name="save">False when the caller saves the server's history itself once it has posted all its jobs
    /// (<see cref="SaveHistoryAsync"/>), before its dispatch returns.</param>
    /// <param name="prepare">Runs on the job before anything else can see it (a receiver already listening is attached).</param>
    public async Task<InFlightJob> TrackAsync(Job job, bool save = true, Action<InFlightJob>? prepare = null)
    {
        var tracked = new InFlightJob(job, lifetime);
        prepare?.Invoke(tracked);
        lock (_gate)
            _jobs[(job.Target, job.Task)] = tracked;
        if (save)
            await SaveAsync(job);
        else
            history.Remember(job);
        return tracked;
    }

    /// <summary>Saves a server's history as it is now; a failed save is logged and the history stays right in memory.</summary>
    public async Task SaveHistoryAsync(ServerAddress server)
    {
        try
        {
            await history.SaveAsync(server, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            JobLog.ServerHistoryNotSaved(logger, server, history.Cluster, ex.Message);
        }
    }

    /// <summary>Takes the job out of flight; false when it was already out (two paths ended it).</summary>
    public bool Remove(InFlightJob job)
    {
        lock (_gate)
        {
            if (_jobs.GetValueOrDefault((job.Job.Target, job.Job.Task)) != job)
                return false;
            return _jobs.Remove((job.Job.Target, job.Job.Task));
        }
    }

    /// <summary>
    /// Changes the job's record. Only the moves an operator must find after a restart are saved at once (picked up,
    /// ended); passing details stay in memory until then, so a busy scheduler does not write a file per detail.
    /// </summary>
    public async Task UpdateAsync(InFlightJob job, Func<Job, Job> change, bool save = false)
    {
        var updated = change(job.Job);
        if (updated == job.Job)
            return;
        job.Record(updated);
        if (save)
            await SaveAsync(updated);
        else
            history.Remember(updated);
    }

    /// <summary>Puts a record in the history and saves it; a failed save is logged and the record stays in memory.</summary>
    public async Task SaveAsync(Job job)
    {
        try
        {
            await history.PutAsync(job, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            JobLog.HistoryNotSaved(logger, job.Task, job.Target, history.Cluster, job.Id, ex.Message);
        }
    }

    /// <summary>
    /// The backups that job <paramref name="by"/> removed (retention) leave the history's jobs that made them: their
    /// path goes, and their result says when and why, so the history never names a file that is gone.
    /// </summary>
    public async Task ForgetRemovedAsync(ServerAddress server, IReadOnlyList<string> removed, long by)
    {
        if (removed.Count == 0)
            return;
        foreach (var job in history.Of(server).Where(job => job.Path is { } path && removed.Contains(path, StringComparer.Ordinal)))
            await SaveAsync(job with { Path = null, Result = JobProgress.Append(job.Result, $"backup removed by retention (job {by})") });
    }

    public Job NewRecord(long id, ServerAddress server, string task, JobMode mode, JobState state) => new()
    {
        Id = id,
        Task = task,
        Target = server,
        Mode = mode,
        State = state,
        ReceiverHost = receiverHost,
        Start = Now(),
        DrivenBy = processId,
    };

    public long Now() => time.GetUtcNow().ToUnixTimeSeconds();
}
