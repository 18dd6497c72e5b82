using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// <c>--dump-slave</c> stops a replica's SQL thread for the dump and starts it again when the dump ends; a dump that
/// is killed or fails never starts it. This puts back what the dump stopped: SQL threads that ran before the dump and
/// are now stopped without an error of their own.
/// </summary>
internal static class ReplicationRestart
{
    /// <returns>What was done, or null when replication was running (or was left alone).</returns>
    public static async Task<string?> RestoreAsync(MariaDbConnectOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await MariaDbConnection.OpenAsync(options with { ApplicationName = "repman-backup" }, cancellationToken);
        var mariaDb = connection.Server.IsMariaDb;
        var channels = mariaDb
            ? await connection.QueryAsync($"SHOW ALL SLAVES STATUS", cancellationToken)
            : await connection.QueryAsync($"SHOW SLAVE STATUS", cancellationToken);
        var stopped = channels.Count(channel => channel["Slave_SQL_Running"].GetString() != "Yes" && channel["Last_SQL_Errno"].Get<long>() == 0);
        if (stopped == 0)
            return null;
        if (mariaDb)
            await connection.ExecuteAsync($"START ALL SLAVES SQL_THREAD", cancellationToken);
        else
            await connection.ExecuteAsync($"START SLAVE SQL_THREAD", cancellationToken);
        return $"restarted the replication SQL thread the interrupted dump had stopped ({stopped} connection{(stopped == 1 ? "" : "s")})";
    }
}
