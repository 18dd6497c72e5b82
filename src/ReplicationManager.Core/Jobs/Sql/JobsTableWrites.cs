using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Sql;

/// <summary>Row writes of the job engine beyond enqueue and state transitions.</summary>
public static class JobsTableWrites
{
    /// <summary>Opens a row held back in <see cref="JobState.Halted"/> to the script, now that its receiver listens.</summary>
    public static async Task<bool> ReleaseAsync(MariaDbConnection connection, long id, int port, CancellationToken cancellationToken)
    {
        var result = await connection.ExecuteAsync(
            $"UPDATE replication_manager_schema.jobs SET port = {port}, state = 0, result = NULL WHERE id = {id} AND state = 2",
            cancellationToken);
        return result.AffectedRows > 0;
    }

    /// <summary>Reads one row by id, or null when it is gone.</summary>
    public static async Task<JobRow?> FindAsync(MariaDbConnection connection, long id, CancellationToken cancellationToken) =>
        (await JobsTable.ReadAsync(connection, cancellationToken)).FirstOrDefault(row => row.Id == id);
}
