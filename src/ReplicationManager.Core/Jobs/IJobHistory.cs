using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The jobs repman knows of, per server: what <c>GET /api/clusters/{cluster}/jobs</c> shows. The job engines provide
/// it (<see cref="EngineJobHistory"/>); the API builds <see cref="JobEntries"/> from it for every server.
/// </summary>
public interface IJobHistory
{
    /// <summary>The jobs of one server, newest first (spec 6.1.8.6); empty when none ran. Must not block: the API calls it per request.</summary>
    IReadOnlyList<JobTask> GetTasks(string cluster, ServerAddress server);
}
