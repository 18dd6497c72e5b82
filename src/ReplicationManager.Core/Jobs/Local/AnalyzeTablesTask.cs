using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>
/// <c>ANALYZE TABLE</c> of every user table, on the server given (the scheduler gives the primary). As in
/// replication-manager, the statement goes to the binary log: each replica then analyzes the same table and its
/// optimizer statistics stay as fresh as the primary's, which no other task would refresh. On MariaDB 10.4 and later
/// <c>PERSISTENT FOR ALL</c> also collects the engine-independent statistics, as Go does.
/// </summary>
public sealed class AnalyzeTablesTask : ILocalTask
{
    public string Task => JobTasks.Analyze;

    public Task<LocalJobOutcome> RunAsync(LocalTaskContext context, CancellationToken cancellationToken) =>
        TableMaintenance.RunAsync(context, Task, Statement, cancellationToken);

    private static SqlStatement Statement(MariaDbServerInfo server, TableName table)
    {
        if (server.IsMariaDb && server.Version >= new Version(10, 4))
            return $"ANALYZE TABLE {table.Quoted} PERSISTENT FOR ALL";
        return $"ANALYZE TABLE {table.Quoted}";
    }
}
