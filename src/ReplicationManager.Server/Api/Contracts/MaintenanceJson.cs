using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>What a maintenance action asked: the server and whether it is now to be in maintenance.</summary>
public sealed record MaintenanceJson([property: JsonPropertyName("server")] string Server, [property: JsonPropertyName("maintenance")] bool Maintenance);
