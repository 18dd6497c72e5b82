using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>No jobs anywhere: the history until the scheduler provides its own.</summary>
public sealed class EmptyJobHistory : IJobHistory
{
    public IReadOnlyList<JobTask> GetTasks(string cluster, ServerAddress server) => [];
}
