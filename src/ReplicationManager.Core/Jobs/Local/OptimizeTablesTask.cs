using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>
/// <c>OPTIMIZE NO_WRITE_TO_BINLOG TABLE</c> of every user table, on the server given (the scheduler gives each replica
/// in turn, when optimize is not forced to the job script). <c>NO_WRITE_TO_BINLOG</c> keeps the rebuild local, like
/// the job script's <c>mysqlcheck --skip-write-binlog</c>: a replica with <c>log_slave_updates</c> would otherwise pass
/// an expensive table rebuild down to its own replicas, and a later primary would replay it.
/// </summary>
public sealed class OptimizeTablesTask : ILocalTask
{
    public string Task => JobTasks.Optimize;

    public Task<LocalJobOutcome> RunAsync(LocalTaskContext context, CancellationToken cancellationToken) =>
        TableMaintenance.RunAsync(context, Task, Statement, cancellationToken);

    private static SqlStatement Statement(MariaDbServerInfo server, TableName table) =>
        $"OPTIMIZE NO_WRITE_TO_BINLOG TABLE {table.Quoted}";
}
