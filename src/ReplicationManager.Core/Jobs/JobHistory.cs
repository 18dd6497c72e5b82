using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The jobs of one cluster, per server, newest first: loaded at start, updated as jobs move, saved on every change,
/// and trimmed to the configured number of finished jobs (running jobs are never trimmed).
/// </summary>
public sealed class JobHistory
{
    private readonly object _gate = new();
    private readonly string _cluster;
    private readonly IJobHistoryStore _store;
    private readonly int _keep;
    private readonly Dictionary<ServerAddress, List<JobRecord>> _jobs = [];

    public JobHistory(string cluster, IEnumerable<ServerAddress> servers, IJobHistoryStore store, int keep)
    {
        _cluster = cluster;
        _store = store;
        _keep = keep;
        foreach (var server in servers)
            _jobs[server] = store.Load(cluster, server).OrderByDescending(job => job.Start).ThenByDescending(job => job.Id).ToList();
    }

    public string Cluster => _cluster;

    public IReadOnlyList<ServerAddress> Servers
    {
        get
        {
            lock (_gate)
                return _jobs.Keys.ToList();
        }
    }

    public IReadOnlyList<JobRecord> Of(ServerAddress server)
    {
        lock (_gate)
            return _jobs.TryGetValue(server, out var jobs) ? jobs.ToList() : [];
    }

    /// <summary>Every job of the cluster, newest first.</summary>
    public IReadOnlyList<JobRecord> All()
    {
        lock (_gate)
            return _jobs.Values.SelectMany(jobs => jobs).OrderByDescending(job => job.Start).ThenByDescending(job => job.Id).ToList();
    }

    /// <summary>Adds a job, or replaces the entry with the same id on the same server; then saves that server's history.</summary>
    public void Put(JobRecord job)
    {
        List<JobRecord> snapshot;
        lock (_gate)
        {
            if (!_jobs.TryGetValue(job.Target, out var jobs))
                _jobs[job.Target] = jobs = [];
            var index = jobs.FindIndex(existing => existing.Id == job.Id && existing.Task == job.Task);
            if (index >= 0)
                jobs[index] = job;
            else
                jobs.Insert(0, job);
            Trim(jobs);
            snapshot = jobs.ToList();
        }
        _store.Save(_cluster, job.Target, snapshot);
    }

    private void Trim(List<JobRecord> jobs)
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
