using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>A global variable or status value (Go's <c>dbhelper.Variable</c>).</summary>
public sealed record VariableJson(
    [property: JsonPropertyName("variableName")] string VariableName,
    [property: JsonPropertyName("value")] string Value);
