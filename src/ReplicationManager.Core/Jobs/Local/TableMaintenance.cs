using ReplicationManager.Core.Logging;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>
/// Runs an admin statement (ANALYZE, OPTIMIZE) on each user table of a server, one table at a time so that each
/// holds its locks briefly and reports on its own, and gathers the server's messages into a <see cref="TableTaskReport"/>.
/// </summary>
internal static class TableMaintenance
{
    /// <summary>
    /// How long a statement waits for a table that DDL holds before the table is skipped: waiting longer would board
    /// the statement's lock request, and every query behind it, after that DDL.
    /// </summary>
    public const int LockWaitSeconds = 30;

    /// <summary>A connection for maintenance: the task's own, with a bounded metadata lock wait.</summary>
    public static async Task<MariaDbConnection> OpenAsync(LocalTaskContext context, CancellationToken cancellationToken)
    {
        var connection = await MariaDbConnection.OpenAsync(context.ConnectOptions, cancellationToken);
        try
        {
            await connection.ExecuteAsync($"SET SESSION lock_wait_timeout = {LockWaitSeconds}", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static async Task<LocalJobOutcome> RunAsync(LocalTaskContext context, string task,
        Func<MariaDbServerInfo, TableName, SqlStatement> statement, CancellationToken cancellationToken)
    {
        var start = context.Time.GetUtcNow();
        await using var connection = await OpenAsync(context, cancellationToken);
        var reports = new List<TableReport>();
        foreach (var table in await UserTables.ListAsync(connection, cancellationToken))
        {
            TableReport report;
            try
            {
                var rows = await connection.QueryAsync(statement(connection.Server, table), cancellationToken);
                report = TableReport.FromMessages(table, rows.Select(row => new TableMessage(row["Msg_type"].GetString(), row["Msg_text"].GetString())).ToList());
            }
            catch (MariaDbException ex) when (ex.IsServerError)
            {
                report = TableReport.FromError(table, ex);
            }
            if (report.Status == TableStatus.Failed)
                BackupLog.TableFailed(context.Logger, task, context.Server.Address, context.Cluster.Name, report.Table, (report.Messages.Count > 0 ? report.Messages[^1].Text : ""));
            reports.Add(report);
        }
        return Finish(context, task, start, reports).ToOutcome();
    }

    public static TableTaskReport Finish(LocalTaskContext context, string task, DateTimeOffset start, IReadOnlyList<TableReport> reports)
    {
        var report = TableTaskReport.Of(task, context.Server.Address.ToString(), start, context.Time.GetUtcNow(), reports);
        BackupLog.TaskCompleted(context.Logger, task, context.Server.Address, context.Cluster.Name, report.Summary);
        return report;
    }
}
