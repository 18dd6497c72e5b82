using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Sql;

/// <summary>
/// Brings a jobs table made by an older replication-manager (<c>result VARCHAR(1000)</c>, no <c>payload</c>, no
/// <c>state</c>, no unique task) to the spec's shape with ALTER TABLE, keeping every row (DECISIONS 1).
/// </summary>
internal static class JobsTableMigration
{
    public static async Task<IReadOnlyList<string>> MigrateAsync(MariaDbConnection connection, CancellationToken cancellationToken)
    {
        var columns = (await connection.QueryAsync(
                $"SELECT COLUMN_NAME, DATA_TYPE, COLUMN_KEY FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'replication_manager_schema' AND TABLE_NAME = 'jobs'",
                cancellationToken))
            .ToDictionary(row => row["COLUMN_NAME"].GetString().ToLowerInvariant(), row => (Type: row["DATA_TYPE"].GetString().ToLowerInvariant(), Key: row["COLUMN_KEY"].GetString()));
        var done = new List<string>();
        if (!columns.ContainsKey("state"))
        {
            await connection.ExecuteAsync($"ALTER TABLE replication_manager_schema.jobs ADD COLUMN state TINYINT NOT NULL DEFAULT 0 AFTER done, ADD KEY idx3 (task, state)", cancellationToken);
            done.Add("added column state");
        }
        if (columns.TryGetValue("result", out var result) && result.Type != "mediumtext")
        {
            await connection.ExecuteAsync($"ALTER TABLE replication_manager_schema.jobs MODIFY result MEDIUMTEXT", cancellationToken);
            done.Add($"widened result from {result.Type} to mediumtext");
        }
        if (!columns.ContainsKey("payload"))
        {
            await connection.ExecuteAsync($"ALTER TABLE replication_manager_schema.jobs ADD COLUMN payload MEDIUMTEXT AFTER result", cancellationToken);
            done.Add("added column payload");
        }
        if (columns.TryGetValue("task", out var task) && task.Key != "UNI" && task.Key != "PRI")
            done.Add(await AddUniqueTaskAsync(connection, cancellationToken));
        return done;
    }

    private static async Task<string> AddUniqueTaskAsync(MariaDbConnection connection, CancellationToken cancellationToken)
    {
        var duplicates = await connection.QueryScalarAsync<long>(
            $"SELECT COUNT(*) FROM (SELECT task FROM replication_manager_schema.jobs GROUP BY task HAVING COUNT(*) > 1) AS d", cancellationToken);
        if (duplicates > 0)
            return $"kept the table without UNIQUE(task): {duplicates} task(s) have several rows, and rows are never deleted by a migration";
        await connection.ExecuteAsync($"ALTER TABLE replication_manager_schema.jobs ADD UNIQUE (task)", cancellationToken);
        return "added UNIQUE(task)";
    }
}
