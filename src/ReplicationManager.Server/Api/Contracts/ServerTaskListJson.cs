using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>The jobs of one server in <see cref="JobEntriesJson"/> (Go's <c>config.ServerTaskList</c>).</summary>
public sealed record ServerTaskListJson(
    [property: JsonPropertyName("serverUrl")] string ServerUrl,
    [property: JsonPropertyName("tasks")] IReadOnlyList<TaskJson> Tasks);
