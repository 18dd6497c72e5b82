using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// Who replicates from whom among a cluster's servers, from each server's default replication channel: its source
/// is the cluster server whose host and port match <c>Master_Host</c>:<c>Master_Port</c> (or, failing that, whose
/// server_id is the channel's <c>Master_Server_Id</c>). Unreachable servers keep their last known channels.
/// </summary>
internal sealed class ReplicationGraph
{
    private readonly IReadOnlyList<ServerSnapshot> _servers;
    private readonly Dictionary<ServerAddress, ServerSnapshot?> _sources = [];
    private readonly Dictionary<ServerAddress, List<ServerSnapshot>> _replicas = [];

    public ReplicationGraph(IReadOnlyList<ServerSnapshot> servers)
    {
        _servers = servers;
        foreach (var server in servers)
        {
            var source = server.Replication is { } channel ? Resolve(channel) : null;
            _sources[server.Address] = source;
            if (source is not null && IsReachable(server))
                (_replicas.TryGetValue(source.Address, out var list) ? list : _replicas[source.Address] = []).Add(server);
        }
    }

    /// <summary>The server has a replication channel (running or stopped).</summary>
    public static bool IsReplicating(ServerSnapshot server) => server.Replication is not null;

    /// <summary>The server answered the latest probe.</summary>
    public static bool IsReachable(ServerSnapshot server) => !server.State.IsUnreachable();

    /// <summary>The cluster server this one replicates from; null when it does not replicate or its source is outside the cluster.</summary>
    public ServerSnapshot? SourceOf(ServerSnapshot server) => _sources.GetValueOrDefault(server.Address);

    /// <summary>The reachable servers that replicate directly from this one.</summary>
    public IReadOnlyList<ServerSnapshot> DirectReplicasOf(ServerSnapshot source) =>
        _replicas.TryGetValue(source.Address, out var replicas) ? replicas : [];

    /// <summary>A replica that other reachable servers of the cluster replicate from.</summary>
    public bool IsRelay(ServerSnapshot server) => IsReplicating(server) && DirectReplicasOf(server).Count > 0;

    /// <summary>The server replicates from <paramref name="primary"/>, directly or through relays.</summary>
    public bool ReachesPrimary(ServerSnapshot server, ServerAddress primary)
    {
        var current = server;
        for (var hops = 0; hops < _servers.Count; hops++)
        {
            if (SourceOf(current) is not { } source)
                return false;
            if (source.Address == primary)
                return true;
            current = source;
        }
        return false;
    }

    private ServerSnapshot? Resolve(ReplicationChannel channel)
    {
        var byAddress = _servers.FirstOrDefault(s =>
            s.Address.Port == channel.MasterPort && string.Equals(s.Address.Host, channel.MasterHost, StringComparison.OrdinalIgnoreCase));
        if (byAddress is not null || channel.MasterServerId == 0)
            return byAddress;
        var byServerId = _servers.Where(s => s.ServerId == channel.MasterServerId).ToList();
        return byServerId.Count == 1 ? byServerId[0] : null;
    }
}
