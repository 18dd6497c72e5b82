using System.Text.Json;
using System.Text.Json.Nodes;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Storage;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>Keeps the job history as the <c>jobs</c> section of each server's <c>serverstate.json</c>.</summary>
public sealed class ServerStateJobHistoryStore(ServerStateStore store) : IJobHistoryStore
{
    public const string Section = "jobs";

    public async Task<IReadOnlyList<Job>> LoadAsync(string cluster, ServerAddress server, CancellationToken cancellationToken)
    {
        JsonObject? document;
        try
        {
            document = await store.ReadAsync(cluster, server, cancellationToken);
        }
        catch (JsonException)
        {
            return [];
        }
        return document?[Section]?.Deserialize<List<Job>>() ?? [];
    }

    /// <summary>
    /// Saves without flushing to disk: the history must survive repman being killed mid-job (the restart rule reads
    /// it), which the page cache ensures; a host crash may lose the latest entries, never the jobs table's rows.
    /// </summary>
    public Task SaveAsync(string cluster, ServerAddress server, IReadOnlyList<Job> jobs, CancellationToken cancellationToken) =>
        store.UpdateAsync(cluster, server, new Dictionary<string, byte[]?> { [Section] = JsonSections.Serialize(jobs) }, cancellationToken, durable: false);
}
