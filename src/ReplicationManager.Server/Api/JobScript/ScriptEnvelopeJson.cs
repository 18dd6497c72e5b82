using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.JobScript;

/// <summary>The encrypted envelope a job script posts (spec 6.1.7.3): base64 of AES-256-CBC ciphertext.</summary>
public sealed record ScriptEnvelopeJson([property: JsonPropertyName("data")] string Data);
