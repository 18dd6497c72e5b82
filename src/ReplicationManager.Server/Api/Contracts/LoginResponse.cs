using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>The answer of <c>POST /api/login</c>: a JWT to send as <c>Authorization: Bearer</c>.</summary>
public sealed record LoginResponse([property: JsonPropertyName("token")] string Token);
