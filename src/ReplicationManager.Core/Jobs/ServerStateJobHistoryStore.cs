using System.Text.Json;
using System.Text.Json.Nodes;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>Keeps the job history as the <c>jobs</c> section of each server's <c>serverstate.json</c>.</summary>
public sealed class ServerStateJobHistoryStore(ServerStateStore store) : IJobHistoryStore
{
    public const string Section = "jobs";

    public async Task<IReadOnlyList<JobRecord>> LoadAsync(string cluster, ServerAddress server, CancellationToken cancellationToken)
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
        return document?[Section]?.Deserialize<List<JobRecord>>() ?? [];
    }

    public Task SaveAsync(string cluster, ServerAddress server, IReadOnlyList<JobRecord> jobs, CancellationToken cancellationToken) =>
        store.UpdateAsync(cluster, server, new Dictionary<string, JsonNode?> { [Section] = JsonSerializer.SerializeToNode(jobs) }, cancellationToken);
}
