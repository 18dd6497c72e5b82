using System.Collections.Concurrent;

namespace ReplicationManager.Core.Jobs;

/// <summary>The jobs side of every cluster, for the API; filled once the job engines have recovered at start.</summary>
public sealed class JobsRegistry
{
    private readonly ConcurrentDictionary<string, ClusterJobs> _clusters = new(StringComparer.Ordinal);

    /// <summary>The cluster's jobs, or null when the cluster is unknown or its engine is not ready yet.</summary>
    public ClusterJobs? Get(string cluster) => _clusters.GetValueOrDefault(cluster);

    public IReadOnlyList<ClusterJobs> All => _clusters.Values.ToList();

    public void Add(ClusterJobs jobs) => _clusters[jobs.Name] = jobs;
}
