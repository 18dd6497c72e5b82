using System.Collections.Concurrent;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The jobs of a cluster that ended since repman started, per task and end state: how many, how long they ran, how
/// many bytes their streams brought. Only grows (Prometheus counters read it); a job counts once, when it ends.
/// </summary>
public sealed class JobTotals
{
    private readonly ConcurrentDictionary<(string Task, JobState State), Total> _totals = new();

    public IReadOnlyList<(string Task, JobState State, long Count, double Seconds, long Bytes)> Snapshot() =>
        _totals.Select(pair => (pair.Key.Task, pair.Key.State, pair.Value.Count, pair.Value.Seconds, pair.Value.Bytes)).ToList();

    /// <summary>Counts <paramref name="job"/> when <paramref name="previous"/> (null for a new entry) had not ended and it has.</summary>
    internal void Record(Job? previous, Job job)
    {
        if (!job.State.IsOver() || previous?.State.IsOver() == true)
            return;
        var total = _totals.GetOrAdd((job.Task, job.State), _ => new Total());
        total.Add(job.End > job.Start ? job.End - job.Start : 0, job.Bytes ?? 0);
    }

    private sealed class Total
    {
        private readonly Lock _gate = new();

        public long Count { get; private set; }

        public double Seconds { get; private set; }

        public long Bytes { get; private set; }

        public void Add(double seconds, long bytes)
        {
            lock (_gate)
            {
                Count++;
                Seconds += seconds;
                Bytes += bytes;
            }
        }
    }
}
