namespace ReplicationManager.Core.Jobs.Local;

/// <summary>
/// One table in a schema snapshot, with the columns of <c>information_schema.TABLES</c>; the statistics are null for
/// views and when they were skipped (<see cref="StatisticsSkipped"/>, with the server's reason in <see cref="SkippedBecause"/>).
/// </summary>
public sealed record TableSnapshot(
    string Schema,
    string Name,
    string Type,
    string? Engine = null,
    string? RowFormat = null,
    long? Rows = null,
    long? AvgRowLength = null,
    long? DataLength = null,
    long? IndexLength = null,
    long? DataFree = null,
    ulong? AutoIncrement = null,
    DateTime? CreateTime = null,
    DateTime? UpdateTime = null,
    string? Collation = null,
    bool StatisticsSkipped = false,
    string? SkippedBecause = null);
