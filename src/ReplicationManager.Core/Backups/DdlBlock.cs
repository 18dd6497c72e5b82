using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// Holds MariaDB's <c>BACKUP STAGE BLOCK_DDL</c> on a connection of its own while a dump runs (<c>backup-lockddl</c>,
/// MariaDB 10.4 and later), as replication-manager does: a consistent snapshot protects rows, not table definitions,
/// and a DDL during the dump would make the backup fail or restore a mix. DML goes on; DDL waits until the end.
/// </summary>
internal sealed class DdlBlock : IAsyncDisposable
{
    /// <summary>How long BLOCK_DDL may wait for DDL already running before the backup goes on without it.</summary>
    private const int LockWaitSeconds = 60;

    private readonly MariaDbConnection _connection;

    private DdlBlock(MariaDbConnection connection) => _connection = connection;

    /// <returns>The held block, or null with the reason when the server refused it (the dump then runs without it).</returns>
    public static async Task<(DdlBlock? Block, string? Refused)> AcquireAsync(MariaDbConnectOptions options, CancellationToken cancellationToken)
    {
        var connection = await MariaDbConnection.OpenAsync(options with { ApplicationName = "repman-backup-lockddl" }, cancellationToken);
        try
        {
            await connection.ExecuteAsync($"SET SESSION lock_wait_timeout = {LockWaitSeconds}", cancellationToken);
            await connection.ExecuteAsync($"BACKUP STAGE START", cancellationToken);
            await connection.ExecuteAsync($"BACKUP STAGE BLOCK_DDL", cancellationToken);
            return (new DdlBlock(connection), null);
        }
        catch (MariaDbException ex) when (ex.IsServerError)
        {
            await connection.DisposeAsync();
            return (null, $"BACKUP STAGE BLOCK_DDL refused ({ex.ErrorCode}: {ex.Message}); the dump runs without blocking DDL");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_connection.IsBroken)
                await _connection.ExecuteAsync($"BACKUP STAGE END", CancellationToken.None);
        }
        catch (MariaDbException)
        {
            // Closing the connection below ends the backup stage on the server anyway.
        }
        await _connection.DisposeAsync();
    }
}
