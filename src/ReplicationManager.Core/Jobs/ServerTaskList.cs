using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Jobs;

/// <summary>The jobs of one server in <see cref="JobEntries"/> (Go's <c>config.ServerTaskList</c>).</summary>
public sealed record ServerTaskList(
    [property: JsonPropertyName("serverUrl")] string ServerUrl,
    [property: JsonPropertyName("tasks")] IReadOnlyList<JobTask> Tasks);
