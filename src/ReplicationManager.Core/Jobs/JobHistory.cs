using ReplicationManager.Core.Reporting;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The jobs of one cluster, per server, newest first: loaded at start, updated as jobs move, saved on every change
/// (saves of one server are serialized and always write its latest list, so a save that finds its change already
/// written by another skips), and trimmed to the configured number of finished jobs (jobs in flight are never trimmed).
/// </summary>
public sealed class JobHistory
{
    private readonly object _gate = new();
    private readonly IJobHistoryStore _store;
    private readonly int _keep;
    private readonly Dictionary<ServerAddress, List<Job>> _jobs;
    private readonly Dictionary<ServerAddress, SemaphoreSlim> _saves;
    private readonly Dictionary<ServerAddress, (long Changed, long Saved)> _generations;

    private JobHistory(string cluster, Dictionary<ServerAddress, List<Job>> jobs, IJobHistoryStore store, int keep)
    {
        Cluster = cluster;
        _jobs = jobs;
        _store = store;
        _keep = keep;
        _saves = jobs.Keys.ToDictionary(server => server, _ => new SemaphoreSlim(1, 1));
        _generations = jobs.Keys.ToDictionary(server => server, _ => (0L, 0L));
    }

    public string Cluster { get; }

    /// <summary>Pulsed whenever a job is added or changes.</summary>
    public ChangeSignal Changes { get; } = new();

    /// <summary>The jobs that ended since the start, per task and state (for /metrics).</summary>
    public JobTotals Totals { get; } = new();

    public static async Task<JobHistory> LoadAsync(string cluster, IEnumerable<ServerAddress> servers, IJobHistoryStore store, int keep, CancellationToken cancellationToken)
    {
        var jobs = new Dictionary<ServerAddress, List<Job>>();
        foreach (var server in servers)
            jobs[server] = (await store.LoadAsync(cluster, server, cancellationToken)).OrderByDescending(job => job.Start).ThenByDescending(job => job.Id).ToList();
        return new JobHistory(cluster, jobs, store, keep);
    }

    public IReadOnlyList<Job> Of(ServerAddress server)
    {
        lock (_gate)
            return _jobs.TryGetValue(server, out var jobs) ? jobs.ToList() : [];
    }

    /// <summary>Every job of the cluster, newest first.</summary>
    public IReadOnlyList<Job> All()
    {
        lock (_gate)
            return _jobs.Values.SelectMany(jobs => jobs).OrderByDescending(job => job.Start).ThenByDescending(job => job.Id).ToList();
    }

    /// <summary>Adds a job, or replaces the entry with the same id and task on its server; then saves that server's history.</summary>
    public async Task PutAsync(Job job, CancellationToken cancellationToken)
    {
        Remember(job);
        await SaveAsync(job.Target, cancellationToken);
    }

    /// <summary>Saves the server's history as it is now, unless a save since its latest change already did.</summary>
    public async Task SaveAsync(ServerAddress server, CancellationToken cancellationToken)
    {
        long wanted;
        lock (_gate)
            wanted = _generations[server].Changed;
        var save = _saves[server];
        await save.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<Job> jobs;
            long changed;
            lock (_gate)
            {
                if (_generations[server].Saved >= wanted)
                    return;
                changed = _generations[server].Changed;
                jobs = _jobs[server].ToList();
            }
            await _store.SaveAsync(Cluster, server, jobs, cancellationToken);
            lock (_gate)
                _generations[server] = (_generations[server].Changed, changed);
        }
        finally
        {
            save.Release();
        }
    }

    /// <summary>Updates the job in memory only: a passing detail (a port, what it waits for) that the next save carries.</summary>
    public void Remember(Job job)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(job.Target, out var jobs))
                throw new InvalidOperationException($"{job.Target} is not a server of {Cluster}");
            var index = jobs.FindIndex(existing => existing.Id == job.Id && existing.Task == job.Task);
            Totals.Record(index >= 0 ? jobs[index] : null, job);
            if (index >= 0)
                jobs[index] = job;
            else
                jobs.Insert(0, job);
            Trim(jobs);
            _generations[job.Target] = (_generations[job.Target].Changed + 1, _generations[job.Target].Saved);
        }
        Changes.Pulse();
    }

    private void Trim(List<Job> jobs)
    {
        var finished = 0;
        for (var i = 0; i < jobs.Count; i++)
        {
            if (!jobs[i].State.IsOver())
                continue;
            if (++finished > _keep)
                jobs.RemoveAt(i--);
        }
    }
}
