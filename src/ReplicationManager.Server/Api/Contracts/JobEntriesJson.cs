using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>
/// The answer of <c>GET /api/clusters/{cluster}/jobs</c> (Go's <c>config.JobEntries</c>): the column header the
/// dashboard shows, and the jobs of each server by server id (<c>db...</c>).
/// </summary>
public sealed record JobEntriesJson(
    [property: JsonPropertyName("header")] IReadOnlyDictionary<string, bool> Header,
    [property: JsonPropertyName("servers")] IReadOnlyDictionary<string, ServerTaskListJson> Servers)
{
    /// <summary>Go's header: the JSON tags of <c>config.Task</c>, options included, each true.</summary>
    public static readonly IReadOnlyDictionary<string, bool> TaskHeader = new Dictionary<string, bool>
    {
        ["id"] = true,
        ["task"] = true,
        ["port"] = true,
        ["server"] = true,
        ["done"] = true,
        ["state"] = true,
        ["result,omitempty"] = true,
        ["start"] = true,
        ["end,omitempty"] = true,
    };
}
