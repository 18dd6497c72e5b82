using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Monitoring;

/// <summary>One session of a server, as <c>SHOW FULL PROCESSLIST</c> shows it.</summary>
public sealed record ProcessEntry(long Id, string User, string Host, string? Db, string Command, long Time, string? State, string? Info);

/// <summary>
/// A server's sessions, read on demand (not each tick: an operator asks for them), through a short connection with
/// the probe's bound.
/// </summary>
public static class ProcessList
{
    public static async Task<IReadOnlyList<ProcessEntry>> ReadAsync(MonitoringOptions monitoring, ServerAddress server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(monitoring);
        var options = DatabaseConnections.For(monitoring, server.Host, server.Port, monitoring.ReadTimeout, "repman-processlist");
        await using var connection = await MariaDbConnection.OpenAsync(options, cancellationToken);
        var rows = await connection.QueryAsync($"SHOW FULL PROCESSLIST", cancellationToken);
        return rows.Select(row => new ProcessEntry(
            row["Id"].GetInt64(),
            row["User"].GetString(),
            row["Host"].GetString(),
            Text(row["db"]),
            row["Command"].GetString(),
            row["Time"].IsNull ? 0 : row["Time"].GetInt64(),
            Text(row["State"]),
            Text(row["Info"]))).ToList();
    }

    private static string? Text(MariaDbValue value) => value.IsNull ? null : value.GetString();
}
