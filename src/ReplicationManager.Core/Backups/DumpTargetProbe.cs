using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Backups;

/// <summary>Reads what a dump's options depend on from the server itself, just before the dump.</summary>
internal static class DumpTargetProbe
{
    public static async Task<DumpTarget> ReadAsync(MariaDbConnection connection, ServerAddress address, MonitoringOptions monitoring, CancellationToken cancellationToken)
    {
        var server = connection.Server;
        var variables = await connection.QueryAsync($"SELECT @@log_bin AS log_bin, @@event_scheduler AS event_scheduler", cancellationToken);
        var replication = server.IsMariaDb
            ? await connection.QueryAsync($"SHOW ALL SLAVES STATUS", cancellationToken)
            : await connection.QueryAsync($"SHOW SLAVE STATUS", cancellationToken);
        return new DumpTarget(
            address,
            monitoring.Credential.User,
            server.VersionString,
            server.Version,
            server.IsMariaDb,
            IsReplica: replication.Count > 0,
            SqlThreadsRunning: replication.Count > 0 && replication.All(channel => channel["Slave_SQL_Running"].GetString() == "Yes"),
            LogBin: variables[0]["log_bin"].Get<long>() != 0,
            EventScheduler: variables[0]["event_scheduler"].GetString(),
            monitoring.Tls);
    }
}
