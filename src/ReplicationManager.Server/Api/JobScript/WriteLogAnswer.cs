using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.JobScript;

/// <summary>replication-manager's answer to write-log.</summary>
public sealed record WriteLogAnswer(
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("success")] bool Success)
{
    public static readonly WriteLogAnswer Logged = new("Message logged", true);
}
