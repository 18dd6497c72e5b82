namespace ReplicationManager.Core.Jobs;

/// <summary>
/// A job as the job script sees it: a row of <c>replication_manager_schema.jobs</c> (SQL mode) or its in-memory
/// twin (API mode), with the same fields (spec 6.1.2.1).
/// </summary>
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
