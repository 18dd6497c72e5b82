using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Metrics;

/// <summary>
/// What a monitoring tick sends to Graphite, with replication-manager's names: <c>mysql.&lt;server&gt;.mysql_global_status_*</c>
/// and <c>mysql.&lt;server&gt;.mysql_slave_status_*</c>, the server node being its address (<c>127_0_0_11_3306</c>). The
/// minimal template keeps what the dashboards draw (lag, replication threads, queries, connections, traffic); "all"
/// keeps every numeric status.
/// </summary>
public static class ServerMetrics
{
    private static readonly string[] MinimalStatus =
    [
        "questions", "queries", "com_select", "com_insert", "com_update", "com_delete", "com_commit", "threads_connected",
        "threads_running", "bytes_received", "bytes_sent", "slow_queries", "aborted_connects", "innodb_rows_read",
        "innodb_rows_inserted", "innodb_rows_updated", "innodb_rows_deleted", "innodb_row_lock_waits", "connections",
    ];

    public static string NodeOf(ServerAddress server) => MetricName.Node($"{server.Host}_{server.Port}");

    public static IReadOnlyList<MetricPoint> Of(ClusterSnapshot snapshot, string template)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var timestamp = snapshot.Time.ToUnixTimeSeconds();
        var points = new List<MetricPoint>();
        foreach (var server in snapshot.Servers.Where(server => server.IsReachable))
        {
            var prefix = $"mysql.{NodeOf(server.Address)}.";
            foreach (var (name, text) in server.Status)
            {
                var key = name.ToLowerInvariant();
                if ((template == "all" || MinimalStatus.Contains(key)) && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
                    points.Add(new MetricPoint(prefix + "mysql_global_status_" + key, value, timestamp));
            }
            if (server.ReplicationChannels.Count == 0)
                continue;
            var channel = server.ReplicationChannels[0];
            if (channel.SecondsBehindMaster is { } lag)
                points.Add(new MetricPoint(prefix + "mysql_slave_status_seconds_behind_master", lag, timestamp));
            points.Add(new MetricPoint(prefix + "mysql_slave_status_slave_io_running", channel.SlaveIoRunning == "Yes" ? 1 : 0, timestamp));
            points.Add(new MetricPoint(prefix + "mysql_slave_status_slave_sql_running", channel.SlaveSqlRunning == "Yes" ? 1 : 0, timestamp));
        }
        return points;
    }
}
