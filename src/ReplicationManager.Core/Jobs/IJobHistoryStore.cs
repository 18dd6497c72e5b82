using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>Where the job history of each server survives a restart (spec 6.1.8.6: with the server state).</summary>
public interface IJobHistoryStore
{
    Task<IReadOnlyList<Job>> LoadAsync(string cluster, ServerAddress server, CancellationToken cancellationToken);

    Task SaveAsync(string cluster, ServerAddress server, IReadOnlyList<Job> jobs, CancellationToken cancellationToken);
}
