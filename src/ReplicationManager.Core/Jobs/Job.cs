using System.Text.Json.Serialization;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// One job on one server, as repman knows it: the fields of its jobs table row (or of its in-memory twin in API
/// mode), and what repman learnt driving it. This is the shape the history keeps and the API shows. Immutable; each
/// change is a new record with the same <see cref="Id"/>.
/// </summary>
public sealed record Job
{
    /// <summary>The row id in the server's jobs table.</summary>
    [JsonPropertyName("id")]
    public required long Id { get; init; }

    [JsonPropertyName("task")]
    public required string Task { get; init; }

    /// <summary>The receiver port advertised in the row; 0 when the job streams nothing back.</summary>
    [JsonPropertyName("port")]
    public int Port { get; init; }

    /// <summary>The address the row advertises for the stream (monitoring-address), as the Go field is named.</summary>
    [JsonPropertyName("server")]
    public string ReceiverHost { get; init; } = "";

    [JsonPropertyName("done")]
    public int Done => State.IsOver() || State == JobState.Finished ? 1 : 0;

    [JsonPropertyName("state")]
    public JobState State { get; init; }

    [JsonPropertyName("result")]
    public string Result { get; init; } = "";

    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("start")]
    public long Start { get; init; }

    /// <summary>Unix seconds; 0 while the job runs.</summary>
    [JsonPropertyName("end")]
    public long End { get; init; }

    /// <summary>The database server the job is about.</summary>
    [JsonPropertyName("target")]
    public required ServerAddress Target { get; init; }

    [JsonPropertyName("mode")]
    [JsonConverter(typeof(JsonStringEnumConverter<JobMode>))]
    public JobMode Mode { get; init; }

    /// <summary>Bytes received or written, when the job produced a file.</summary>
    [JsonPropertyName("bytes")]
    public long? Bytes { get; init; }

    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }

    /// <summary>The file or folder the job produced, once complete.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>A hidden temporary file this job may leave behind if repman stops mid-transfer.</summary>
    [JsonPropertyName("partialPath")]
    public string? PartialPath { get; init; }

    /// <summary>What the job is waiting for right now, when it waits (for example "waiting for a receiver port").</summary>
    [JsonPropertyName("waitingFor")]
    public string? WaitingFor { get; init; }

    /// <summary>The id of the repman process that drives the job; after a restart, jobs of an older process are aborted.</summary>
    [JsonPropertyName("drivenBy")]
    public string DrivenBy { get; init; } = "";

    /// <summary>What the job script pushed of its log (write-log): counts per level, the last lines, error codes.</summary>
    [JsonPropertyName("output")]
    public ScriptOutput? Output { get; init; }

    /// <summary>
    /// The replication position the job reported: where a backup starts from (read from the tool's output), or where
    /// a reseed left the server (job-state done).
    /// </summary>
    [JsonPropertyName("position")]
    public BackupPosition? Position { get; init; }
}
