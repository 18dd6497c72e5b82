using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Reporting;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// The in-memory <see cref="IClusterRegistry"/>: each cluster's monitor publishes a new snapshot per tick, readers
/// take the latest without locks. Before the first tick a cluster shows its configured servers in state Unknown.
/// </summary>
public sealed class ClusterRegistry : IClusterRegistry
{
    private const int WatcherCapacity = 1024;

    private readonly Dictionary<string, ClusterSlot> _clusters = new(StringComparer.Ordinal);
    private readonly Lock _watchersLock = new();
    private readonly List<Channel<ServerStateChange>> _watchers = [];

    public ClusterRegistry(RepmanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var cluster in options.Clusters)
            _clusters[cluster.Name] = new ClusterSlot(Initial(cluster));
        ClusterNames = options.Clusters.Select(c => c.Name).ToList();
    }

    public IReadOnlyList<string> ClusterNames { get; }

    public ChangeSignal Changes { get; } = new();

    public ClusterSnapshot? GetSnapshot(string cluster) => _clusters.GetValueOrDefault(cluster)?.Snapshot;

    public ServerSnapshot? FindServer(string cluster, string host, int port) =>
        GetSnapshot(cluster)?.Servers.FirstOrDefault(s =>
            s.Address.Port == port && string.Equals(s.Address.Host, host, StringComparison.OrdinalIgnoreCase));

    public ServerSnapshot? FindServerById(string cluster, string id) => GetSnapshot(cluster)?.FindById(id);

    public bool SetMaintenance(string cluster, ServerAddress server, bool inMaintenance)
    {
        if (_clusters.GetValueOrDefault(cluster) is not { } slot || slot.Snapshot.Find(server) is null)
            return false;
        if (inMaintenance)
            slot.Maintenance[server] = true;
        else
            slot.Maintenance.TryRemove(server, out _);
        return true;
    }

    /// <summary>An operator put the server in maintenance.</summary>
    public bool IsInMaintenance(string cluster, ServerAddress server) =>
        _clusters.GetValueOrDefault(cluster)?.Maintenance.ContainsKey(server) ?? false;

    public IAsyncEnumerable<ServerStateChange> WatchStateChangesAsync(CancellationToken cancellationToken)
    {
        // Subscribe now, not at the first MoveNextAsync, so that no change published after this call is missed.
        var channel = Channel.CreateBounded<ServerStateChange>(
            new BoundedChannelOptions(WatcherCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_watchersLock)
            _watchers.Add(channel);
        var registration = cancellationToken.Register(() => Unsubscribe(channel));
        return ReadAsync(channel, registration, cancellationToken);
    }

    /// <summary>Makes a snapshot the cluster's latest and tells the watchers about its state changes.</summary>
    internal void Publish(ClusterSnapshot snapshot, IReadOnlyList<ServerStateChange> changes)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(changes);
        _clusters[snapshot.Name].Snapshot = snapshot;
        Changes.Pulse();
        if (changes.Count == 0)
            return;
        lock (_watchersLock)
        {
            foreach (var watcher in _watchers)
            {
                foreach (var change in changes)
                    watcher.Writer.TryWrite(change);
            }
        }
    }

    private async IAsyncEnumerable<ServerStateChange> ReadAsync(Channel<ServerStateChange> channel, CancellationTokenRegistration registration,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
                yield return change;
        }
        finally
        {
            await registration.DisposeAsync();
            Unsubscribe(channel);
        }
    }

    private void Unsubscribe(Channel<ServerStateChange> channel)
    {
        lock (_watchersLock)
            _watchers.Remove(channel);
    }

    private static ClusterSnapshot Initial(ClusterOptions cluster) => new()
    {
        Name = cluster.Name,
        Servers = cluster.Monitoring.Hosts.Select(address => new ServerSnapshot { Address = address, MonitoringPort = address.Port }).ToList(),
    };
}
