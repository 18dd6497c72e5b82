namespace ReplicationManager.Core.Jobs.Sql;

/// <summary>One row of <c>replication_manager_schema.jobs</c> as read.</summary>
public sealed record JobRow(
    long Id,
    string Task,
    int? Port,
    string? Server,
    bool Done,
    JobState State,
    string? Result,
    string? Payload,
    DateTimeOffset? Start,
    DateTimeOffset? End);
