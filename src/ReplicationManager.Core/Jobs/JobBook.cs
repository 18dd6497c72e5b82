using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The jobs a cluster's engine has in flight, one per task and server, and their records in the history.
/// A task is reserved before its row is written, so two requests for it can never both go through.
/// </summary>
internal sealed class JobBook(JobHistory history, string receiverHost, string processId, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<(ServerAddress Server, string Task), ActiveJob> _active = [];

    public JobHistory History => history;

    public IReadOnlyList<ActiveJob> All
    {
        get
        {
            lock (_gate)
                return _active.Values.ToList();
        }
    }

    /// <summary>The jobs whose rows the engine follows each tick: dispatched through the table and released to the script.</summary>
    public IReadOnlyList<ActiveJob> Followed
    {
        get
        {
            lock (_gate)
                return _active.Values.Where(job => job.Record.Id != 0 && job.Record.Mode == JobMode.Sql && !job.IsPreparing).ToList();
        }
    }

    public ActiveJob? Find(ServerAddress server, string task)
    {
        lock (_gate)
            return _active.GetValueOrDefault((server, task));
    }

    /// <summary>Holds the task on the server for a new job, or says which job holds it already.</summary>
    public string? Reserve(ServerAddress server, string task)
    {
        lock (_gate)
        {
            if (_active.TryGetValue((server, task), out var running))
                return $"task {task} is already {running.Record.WaitingFor ?? running.Record.State.ToString().ToLowerInvariant()} on {server} (job {running.Record.Id})";
            _active[(server, task)] = new ActiveJob(NewRecord(0, server, task, JobMode.Sql, JobState.Halted));
            return null;
        }
    }

    public void Unreserve(ServerAddress server, string task)
    {
        lock (_gate)
            _active.Remove((server, task));
    }

    /// <summary>Replaces the reservation with the job, saved in the history before anything else happens to it.</summary>
    public async Task<ActiveJob> TrackAsync(JobRecord record)
    {
        var active = new ActiveJob(record);
        lock (_gate)
            _active[(record.Target, record.Task)] = active;
        await history.PutAsync(record, CancellationToken.None);
        return active;
    }

    /// <summary>Takes the job out of flight; false when it was already out (two paths ended it).</summary>
    public bool Remove(ActiveJob active)
    {
        lock (_gate)
            return _active.Remove((active.Record.Target, active.Record.Task));
    }

    /// <summary>
    /// Changes the job's record. Only the moves an operator must find after a restart are saved at once (picked up,
    /// ended); passing details stay in memory until then, so a busy scheduler does not write a file per detail.
    /// </summary>
    public async Task UpdateAsync(ActiveJob active, Func<JobRecord, JobRecord> change, bool save = false)
    {
        var updated = change(active.Record);
        if (updated == active.Record)
            return;
        active.Record = updated;
        if (save)
            await history.PutAsync(updated, CancellationToken.None);
        else
            history.Remember(updated);
    }

    public JobRecord NewRecord(long id, ServerAddress server, string task, JobMode mode, JobState state) => new()
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
