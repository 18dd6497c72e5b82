using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Proxies;

/// <summary>
/// Points a running HAProxy at the cluster through its runtime API, as replication-manager's runtimeapi mode does:
/// the write backend's server (<c>leader</c>, else its first) gets the primary's address and its old sessions are
/// shut; read backend servers are matched by address and set ready or to maintenance. Never restarts HAProxy.
/// </summary>
internal sealed class HaproxyRouter(HaproxyRuntimeApi api, HaproxyOptions options) : IProxyRouter
{
    public string Name => $"HAProxy {api.Endpoint}";

    public static IEnumerable<IProxyRouter> For(HaproxyOptions options, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
            return [];
        return options.Servers.Where(s => s.Length > 0).Select(host => new HaproxyRouter(new HaproxyRuntimeApi(host, options.ApiPort, timeout), options));
    }

    public async Task RouteAsync(ProxyRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        await RouteWritesAsync(route.Writer, cancellationToken);
        await RouteReadsAsync(route.Readers, cancellationToken);
    }

    private async Task RouteWritesAsync(ServerAddress? writer, CancellationToken cancellationToken)
    {
        var backend = options.WriteBackend;
        var servers = await api.ServersAsync(backend, cancellationToken);
        var leader = servers.FirstOrDefault(s => s.Name == "leader") ?? servers[0];
        var target = $"{backend}/{leader.Name}";
        if (writer is null)
        {
            // No primary: refuse writes at once rather than send them to a server that cannot take them.
            if (!leader.IsInMaintenance)
                await api.CommandAsync($"set server {target} state maint", cancellationToken);
            return;
        }
        var moved = leader.Address != writer.Host || leader.Port != writer.Port;
        if (moved)
            await api.CommandAsync($"set server {target} addr {writer.Host} port {writer.Port}", cancellationToken);
        if (moved || leader.IsInMaintenance || leader.IsDraining)
            await api.CommandAsync($"set server {target} state ready", cancellationToken);
        if (moved)
            await api.CommandAsync($"shutdown sessions server {target}", cancellationToken);
    }

    private async Task RouteReadsAsync(IReadOnlyList<ServerAddress> readers, CancellationToken cancellationToken)
    {
        var backend = options.ReadBackend;
        foreach (var server in await api.ServersAsync(backend, cancellationToken))
        {
            var wanted = readers.Any(r => r.Host == server.Address && r.Port == server.Port);
            if (wanted && (server.IsInMaintenance || server.IsDraining))
                await api.CommandAsync($"set server {backend}/{server.Name} state ready", cancellationToken);
            else if (!wanted && !server.IsInMaintenance)
                await api.CommandAsync($"set server {backend}/{server.Name} state maint", cancellationToken);
        }
    }
}
