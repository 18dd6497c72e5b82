using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>A cluster with replication-manager's JSON names (the fields of Go's <c>Cluster</c> that repman knows).</summary>
public sealed record ClusterJson
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("dbServers")] public required IReadOnlyList<string> DbServers { get; init; }
    [JsonPropertyName("proxyServers")] public IReadOnlyList<string> ProxyServers { get; init; } = [];
    [JsonPropertyName("failoverCounter")] public int FailoverCounter { get; init; }
    [JsonPropertyName("failoverLastTime")] public long FailoverLastTime { get; init; }
    [JsonPropertyName("activePassiveStatus")] public required string ActivePassiveStatus { get; init; }
    [JsonPropertyName("isSplitBrain")] public bool IsSplitBrain { get; init; }
    [JsonPropertyName("isDown")] public bool IsDown { get; init; }
    [JsonPropertyName("isAllDbUp")] public bool IsAllDbUp { get; init; }
    [JsonPropertyName("isFailable")] public bool IsFailable { get; init; }
    [JsonPropertyName("topology")] public required string Topology { get; init; }
    [JsonPropertyName("config")] public required ClusterConfigJson Config { get; init; }
}
