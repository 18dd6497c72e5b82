using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>A server's version (Go's <c>version.Version</c>): flavor and numbers.</summary>
public sealed record DbVersionJson(
    [property: JsonPropertyName("flavor")] string Flavor,
    [property: JsonPropertyName("major")] int Major,
    [property: JsonPropertyName("minor")] int Minor,
    [property: JsonPropertyName("release")] int Release,
    [property: JsonPropertyName("suffix")] string Suffix);
