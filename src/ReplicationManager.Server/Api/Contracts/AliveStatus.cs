using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary><c>{"alive":"running"}</c>: repman's and a cluster's liveness answer.</summary>
public sealed record AliveStatus([property: JsonPropertyName("alive")] string Alive)
{
    public static readonly AliveStatus Running = new("running");
    public static readonly AliveStatus Errors = new("errors");
}
