using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Proxies;

/// <summary>
/// Points ProxySQL at the cluster through its admin interface: the cluster's rows of <c>mysql_servers</c> in the
/// writer and reader hostgroups are rewritten, loaded to runtime, and saved to disk with <c>proxysql-save-to-disk</c>.
/// </summary>
internal sealed class ProxySqlRouter(string host, ProxySqlOptions options, IReadOnlyList<ServerAddress> clusterServers, TimeSpan timeout) : IProxyRouter
{
    public string Name => $"ProxySQL {host}:{options.AdminPort}";

    public static IEnumerable<IProxyRouter> For(ProxySqlOptions options, IReadOnlyList<ServerAddress> clusterServers, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
            return [];
        return options.Servers.Where(s => s.Length > 0).Select(host => new ProxySqlRouter(host, options, clusterServers, timeout));
    }

    public async Task RouteAsync(ProxyRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        try
        {
            await using var admin = await MariaDbConnection.OpenAsync(new MariaDbConnectOptions
            {
                Host = host,
                Port = options.AdminPort,
                User = options.User,
                Password = options.Password,
                ConnectTimeout = timeout,
                CommandTimeout = timeout,
                ApplicationName = "repman-proxysql",
                Tls = new MariaDbTlsOptions { Mode = MariaDbTlsMode.Disabled },
            }, cancellationToken);
            var writer = options.WriterHostgroup;
            var reader = options.ReaderHostgroup;
            foreach (var server in clusterServers)
                await admin.ExecuteAsync($"DELETE FROM mysql_servers WHERE hostgroup_id IN ({writer}, {reader}) AND hostname = {server.Host} AND port = {server.Port}", cancellationToken);
            if (route.Writer is { } primary)
                await admin.ExecuteAsync($"INSERT INTO mysql_servers (hostgroup_id, hostname, port) VALUES ({writer}, {primary.Host}, {primary.Port})", cancellationToken);
            foreach (var replica in route.Readers)
                await admin.ExecuteAsync($"INSERT INTO mysql_servers (hostgroup_id, hostname, port) VALUES ({reader}, {replica.Host}, {replica.Port})", cancellationToken);
            await admin.ExecuteAsync($"LOAD MYSQL SERVERS TO RUNTIME", cancellationToken);
            if (options.SaveToDisk)
                await admin.ExecuteAsync($"SAVE MYSQL SERVERS TO DISK", cancellationToken);
        }
        catch (MariaDbException ex)
        {
            throw new ProxyException($"{Name}: {ex.Message}", ex);
        }
    }
}
