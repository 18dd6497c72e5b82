using System.Text.Json;

namespace ReplicationManager.Cli.Connection;

/// <summary>Which cluster and which server a command means: from --cluster and --id (a server id or host:port).</summary>
public static class Targets
{
    public static async Task<string> ClusterAsync(ApiClient api, CancellationToken cancellationToken)
    {
        var clusters = (await api.GetAsync("/api/clusters", cancellationToken)).EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        if (api.Endpoint.Cluster is { } wanted)
        {
            return clusters.Contains(wanted, StringComparer.Ordinal)
                ? wanted
                : throw new CliException(ExitCodes.NotFound, $"no cluster named '{wanted}'", $"clusters: {string.Join(", ", clusters)}");
        }
        return clusters.Count switch
        {
            1 => clusters[0],
            0 => throw new CliException(ExitCodes.NotFound, "repman monitors no cluster"),
            _ => throw new CliException(ExitCodes.Usage, $"repman monitors {clusters.Count} clusters", $"choose one with --cluster ({string.Join(", ", clusters)})"),
        };
    }

    /// <summary>The server's JSON (as topology/servers shows it) by id or host:port.</summary>
    public static async Task<JsonElement> ServerAsync(ApiClient api, string cluster, string server, CancellationToken cancellationToken)
    {
        var servers = (await api.GetAsync($"/api/clusters/{Uri.EscapeDataString(cluster)}/topology/servers", cancellationToken)).EnumerateArray().ToList();
        var found = servers.FirstOrDefault(s => s.GetProperty("id").GetString() == server || s.GetProperty("url").GetString() == server);
        return found.ValueKind == JsonValueKind.Object
            ? found
            : throw new CliException(ExitCodes.NotFound, $"no server '{server}' in cluster {cluster}",
                $"servers: {string.Join(", ", servers.Select(s => $"{s.GetProperty("url").GetString()} ({s.GetProperty("id").GetString()})"))}");
    }

    public static string ClusterPath(string cluster) => $"/api/clusters/{Uri.EscapeDataString(cluster)}";

    public static string ServerPath(string cluster, JsonElement server) => $"{ClusterPath(cluster)}/servers/{server.GetProperty("id").GetString()}";
}
