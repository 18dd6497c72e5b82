using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>One GTID as replication-manager writes it (Go's <c>gtid.Gtid</c>).</summary>
public sealed record GtidJson(
    [property: JsonPropertyName("domainId")] ulong DomainId,
    [property: JsonPropertyName("serverId")] ulong ServerId,
    [property: JsonPropertyName("seqNo")] ulong SeqNo);
