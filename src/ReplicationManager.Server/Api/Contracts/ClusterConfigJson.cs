using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>
/// The part of a cluster's configuration the API shows, with replication-manager's JSON names. Credentials are
/// always <c>"*:*"</c>, as replication-manager masks its secrets.
/// </summary>
public sealed record ClusterConfigJson
{
    public const string Masked = "*:*";

    [JsonPropertyName("title")] public required string Title { get; init; }
    [JsonPropertyName("dbServersHosts")] public required string DbServersHosts { get; init; }
    [JsonPropertyName("dbServersPreferedMaster")] public string DbServersPreferedMaster { get; init; } = "";
    [JsonPropertyName("dbServersCredential")] public string DbServersCredential { get; init; } = Masked;
    [JsonPropertyName("replicationCredential")] public string ReplicationCredential { get; init; } = Masked;
    [JsonPropertyName("apiCredentials")] public string ApiCredentials { get; init; } = Masked;
    [JsonPropertyName("monitoringTicker")] public long MonitoringTicker { get; init; }
}
