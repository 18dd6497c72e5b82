using System.Text.Json.Serialization;
using ReplicationManager.Core.Jobs;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>
/// One job as replication-manager's API shows it (Go's <c>config.Task</c>): the fields of its jobs table row.
/// States are those of DECISIONS.md: 0 pending, 1 processing, 2 halted, 3 finished, 4 success, 5 error, 6 error in
/// the post-job step.
/// </summary>
public sealed record TaskJson
{
    [JsonPropertyName("id")]
    public long Id { get; init; }

    /// <summary>The task name (<c>mariabackup</c>, <c>errorlog</c>, <c>optimize</c>...).</summary>
    [JsonPropertyName("task")]
    public required string Task { get; init; }

    /// <summary>The stream port the job sends to or listens on, 0 when none.</summary>
    [JsonPropertyName("port")]
    public int Port { get; init; }

    /// <summary>The address the job streams to.</summary>
    [JsonPropertyName("server")]
    public string Server { get; init; } = "";

    [JsonPropertyName("done")]
    public int Done { get; init; }

    [JsonPropertyName("state")]
    public int State { get; init; }

    [JsonPropertyName("result")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Result { get; init; }

    /// <summary>Start, Unix seconds (UTC).</summary>
    [JsonPropertyName("start")]
    public long Start { get; init; }

    /// <summary>End, Unix seconds (UTC); 0 (and left out) while running.</summary>
    [JsonPropertyName("end")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long End { get; init; }

    public static TaskJson Of(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new TaskJson
        {
            Id = job.Id,
            Task = job.Task,
            Port = job.Port,
            Server = job.ReceiverHost,
            Done = job.Done,
            State = (int)job.State,
            Result = string.IsNullOrEmpty(job.Result) ? null : job.Result,
            Start = job.Start,
            End = job.End,
        };
    }
}
