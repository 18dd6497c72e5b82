using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>What <c>/api/heartbeat</c> tells arbitration peers. The arbitration secret is never shown.</summary>
public sealed record Heartbeat(
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("cluster")] string Cluster,
    [property: JsonPropertyName("master")] string Master,
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("hosts")] int Hosts,
    [property: JsonPropertyName("failed")] int Failed);
