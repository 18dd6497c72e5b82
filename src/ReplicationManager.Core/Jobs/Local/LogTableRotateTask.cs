using System.Text;
using ReplicationManager.Core.Logging;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>
/// Rotates <c>mysql.general_log</c> and <c>mysql.slow_log</c> (spec: log table rotate). With
/// <c>scheduler-db-servers-logs-table-keep</c> above 0, a non-empty log table is swapped out in one atomic
/// <c>RENAME TABLE</c> for an empty copy, so no row written meanwhile is lost, and kept as
/// <c>replication_manager_schema.{table}_{yyyyMMddHHmmss}</c>; copies beyond the keep count are dropped. With 0 the
/// table is truncated, as the spec says.
/// Everything runs with <c>sql_log_bin=0</c>: each server's log tables record its own queries, so a replicated
/// TRUNCATE or RENAME would wipe the replicas' logs, and the copies would add tables and GTIDs on every replica.
/// The scheduler may therefore rotate every server, the primary and each replica, on its own.
/// </summary>
public sealed class LogTableRotateTask : ILocalTask
{
    public string Task => JobTasks.LogRotate;

    public async Task<LocalJobOutcome> RunAsync(LocalTaskContext context, CancellationToken cancellationToken)
    {
        var keep = context.Cluster.Scheduler.LogsTableKeep;
        var now = context.Time.GetUtcNow();
        await using var connection = await TableMaintenance.OpenAsync(context, cancellationToken);
        try
        {
            await connection.ExecuteAsync($"SET SESSION sql_log_bin = 0", cancellationToken);
        }
        catch (MariaDbException ex) when (ex.IsServerError)
        {
            var reason = $"SET sql_log_bin = 0 refused ({ex.ErrorCode}: {ex.Message}): rotating would replicate, so nothing was done";
            BackupLog.TaskFailed(context.Logger, Task, context.Server.Address, context.Cluster.Name, reason);
            return LocalJobOutcome.Failure(reason);
        }
        var logOutput = await connection.QueryScalarAsync<string>($"SELECT @@log_output", cancellationToken);
        await connection.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {MariaDb.Sql.Identifier(LogTableRotation.Schema)}", cancellationToken);

        var result = new StringBuilder($"log_output={logOutput}, keep={keep}");
        foreach (var logTable in LogTableRotation.LogTables)
            result.Append("; ").Append(await RotateAsync(context, connection, logTable, keep, now, cancellationToken));
        var summary = result.ToString();
        BackupLog.TaskCompleted(context.Logger, Task, context.Server.Address, context.Cluster.Name, summary);
        return LocalJobOutcome.Success(summary);
    }

    private static async Task<string> RotateAsync(LocalTaskContext context, MariaDbConnection connection, string logTable, int keep, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var live = MariaDb.Sql.Identifier("mysql", logTable);
        var text = new StringBuilder(logTable).Append(": ");
        if (!await connection.QueryScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM {live})", cancellationToken))
        {
            text.Append("empty");
        }
        else if (keep > 0)
        {
            var copy = LogTableRotation.CopyName(logTable, now);
            var fresh = MariaDb.Sql.Identifier(LogTableRotation.Schema, logTable + "_new");
            await connection.ExecuteAsync($"DROP TABLE IF EXISTS {fresh}", cancellationToken);
            await connection.ExecuteAsync($"CREATE TABLE {fresh} LIKE {live}", cancellationToken);
            await connection.ExecuteAsync($"RENAME TABLE {live} TO {MariaDb.Sql.Identifier(LogTableRotation.Schema, copy)}, {fresh} TO {live}", cancellationToken);
            var rows = await connection.QueryScalarAsync<long>($"SELECT COUNT(*) FROM {MariaDb.Sql.Identifier(LogTableRotation.Schema, copy)}", cancellationToken);
            BackupLog.LogTableRotated(context.Logger, logTable, context.Server.Address, context.Cluster.Name, $"{LogTableRotation.Schema}.{copy}", rows);
            text.Append($"{rows} rows rotated into {LogTableRotation.Schema}.{copy}");
        }
        else
        {
            await connection.ExecuteAsync($"TRUNCATE TABLE {live}", cancellationToken);
            text.Append("truncated");
        }

        var copies = await connection.QueryAsync($"SHOW TABLES FROM {MariaDb.Sql.Identifier(LogTableRotation.Schema)} LIKE {logTable.Replace("_", "\\_", StringComparison.Ordinal) + "\\_%"}", cancellationToken);
        var expired = LogTableRotation.Expired(copies.Select(row => row[0].GetString()), logTable, keep);
        foreach (var table in expired)
            await connection.ExecuteAsync($"DROP TABLE IF EXISTS {MariaDb.Sql.Identifier(LogTableRotation.Schema, table)}", cancellationToken);
        if (expired.Count > 0)
            text.Append($", dropped {string.Join(", ", expired)}");
        return text.ToString();
    }
}
