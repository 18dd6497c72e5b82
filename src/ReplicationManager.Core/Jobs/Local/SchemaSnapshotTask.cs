using System.Text.Json;
using ReplicationManager.Core.Logging;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>
/// Schema monitoring (<c>schemamonitor</c>): a snapshot of <c>information_schema.TABLES</c> for the user schemas,
/// written atomically to <c>{datadir}/{cluster}/{host}_{port}/tables.json</c>, that never waits for a metadata lock.
/// <para>
/// MariaDB fills <c>information_schema.TABLES</c> by opening each table's definition (every column but the names
/// needs it) under a high-priority shared metadata lock, and waits up to <c>lock_wait_timeout</c> (a day by default)
/// when DDL holds the table exclusively. So the snapshot is taken in two steps: the names and types come from
/// <c>SHOW FULL TABLES</c>, which reads no table definition and takes no metadata lock; the statistics come from
/// <c>information_schema.TABLES</c> under <c>SET STATEMENT lock_wait_timeout = 0</c> (what replication-manager does),
/// so the server skips a table held by DDL instead of waiting: its row comes back without engine or statistics and
/// with the lock error as its comment. Such a table is listed without statistics and named in <see cref="SchemaSnapshot.Skipped"/>. The shared lock each other table is read under is compatible with all
/// DML and with <c>LOCK TABLES … WRITE</c>, is never queued behind waiting DDL, and is held only while that one
/// definition is read.
/// </para>
/// </summary>
public sealed class SchemaSnapshotTask : ILocalTask
{
    public const string FileName = "tables.json";

    /// <summary>The snapshot's bound: it gives up rather than hold a connection longer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public string Task => JobTasks.SchemaMonitor;

    public async Task<LocalJobOutcome> RunAsync(LocalTaskContext context, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        var taken = context.Time.GetUtcNow();
        IReadOnlyList<(TableName Table, string Type)> names;
        IReadOnlyList<TableSnapshot> statistics;
        await using (var connection = await MariaDbConnection.OpenAsync(context.ConnectOptions with { CommandTimeout = Timeout }, deadline.Token))
        {
            names = await UserTables.ListWithTypesAsync(connection, deadline.Token);
            statistics = await ReadStatisticsAsync(connection, deadline.Token);
        }
        var snapshot = Merge(context.Server.Address.ToString(), taken, names, statistics);
        var path = Path.Combine(context.Destinations.LogDirectory(context.Server.Address), FileName);
        await AtomicFile.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(snapshot, LocalJobJson.Default.SchemaSnapshot), deadline.Token);

        var schemas = snapshot.Tables.Select(table => table.Schema).Distinct(StringComparer.Ordinal).Count();
        var summary = $"{snapshot.Tables.Count} tables in {schemas} schemas written to {path}";
        if (snapshot.Skipped.Count > 0)
        {
            BackupLog.SnapshotSkipped(context.Logger, context.Server.Address, context.Cluster.Name, string.Join(", ", snapshot.Skipped));
            summary += $"; statistics skipped, not readable without waiting (a concurrent DDL holds them): {string.Join(", ", snapshot.Skipped)}";
        }
        BackupLog.TaskCompleted(context.Logger, Task, context.Server.Address, context.Cluster.Name, summary);
        return LocalJobOutcome.Success(summary, path);
    }

    /// <summary>Joins the lock-free list of names with the statistics the server could read without waiting. Pure.</summary>
    public static SchemaSnapshot Merge(string server, DateTimeOffset taken, IReadOnlyList<(TableName Table, string Type)> names, IReadOnlyList<TableSnapshot> statistics)
    {
        var read = statistics.ToDictionary(table => new TableName(table.Schema, table.Name));
        var tables = new List<TableSnapshot>();
        var skipped = new List<string>();
        foreach (var (table, type) in names)
        {
            var found = read.Remove(table, out var readable)
                ? readable with { Type = type }
                : new TableSnapshot(table.Schema, table.Name, type, StatisticsSkipped: true, SkippedBecause: "not in information_schema.TABLES (dropped meanwhile?)");
            tables.Add(found);
            if (found.StatisticsSkipped)
                skipped.Add(table.ToString());
        }
        tables.AddRange(read.Values);
        skipped.AddRange(read.Values.Where(table => table.StatisticsSkipped).Select(table => $"{table.Schema}.{table.Name}"));
        return new SchemaSnapshot(server, taken,
            tables.OrderBy(table => table.Schema, StringComparer.Ordinal).ThenBy(table => table.Name, StringComparer.Ordinal).ToList(), skipped);
    }

    private static async Task<IReadOnlyList<TableSnapshot>> ReadStatisticsAsync(MariaDbConnection connection, CancellationToken cancellationToken)
    {
        var query = Columns();
        // MySQL reads these from its data dictionary, without opening tables; MariaDB must not wait for a lock.
        var rows = connection.Server.IsMariaDb
            ? await connection.QueryAsync($"SET STATEMENT lock_wait_timeout = 0 FOR {query}", cancellationToken)
            : await connection.QueryAsync(query, cancellationToken);
        return rows.Select(Read).Where(table => UserTables.IsUserSchema(table.Schema)).ToList();
    }

    /// <summary>
    /// One row of information_schema.TABLES. A table the server could not open (under the zero lock wait: one that
    /// DDL holds) still has its row, with no engine and the error as its comment: its statistics were skipped.
    /// </summary>
    private static TableSnapshot Read(MariaDbRow row)
    {
        var type = row["TABLE_TYPE"].GetString();
        var engine = row["ENGINE"].Get<string?>();
        var skipped = engine is null && type != "VIEW";
        return new TableSnapshot(
            row["TABLE_SCHEMA"].GetString(),
            row["TABLE_NAME"].GetString(),
            type,
            engine,
            row["ROW_FORMAT"].Get<string?>(),
            row["TABLE_ROWS"].Get<long?>(),
            row["AVG_ROW_LENGTH"].Get<long?>(),
            row["DATA_LENGTH"].Get<long?>(),
            row["INDEX_LENGTH"].Get<long?>(),
            row["DATA_FREE"].Get<long?>(),
            row["AUTO_INCREMENT"].Get<ulong?>(),
            row["CREATE_TIME"].Get<DateTime?>(),
            row["UPDATE_TIME"].Get<DateTime?>(),
            row["TABLE_COLLATION"].Get<string?>(),
            skipped,
            skipped ? row["TABLE_COMMENT"].Get<string?>() : null);
    }

    /// <summary>The statistics of the user schemas (repman's own schema is left out by <see cref="UserTables.IsUserSchema"/>).</summary>
    private static SqlStatement Columns() => $"""
        SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, ROW_FORMAT, TABLE_ROWS, AVG_ROW_LENGTH, DATA_LENGTH,
               INDEX_LENGTH, DATA_FREE, AUTO_INCREMENT, CREATE_TIME, UPDATE_TIME, TABLE_COLLATION, TABLE_COMMENT
        FROM information_schema.TABLES
        WHERE TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
        """;
}
