using ReplicationManager.Core.Reporting;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// The latest topology of every monitored cluster, as the monitoring loops publish it: what the API, the proxies'
/// checks and the scheduler read. Reads are lock-free and return immutable snapshots.
/// </summary>
public interface IClusterRegistry
{
    /// <summary>The monitored clusters, in configuration order.</summary>
    IReadOnlyList<string> ClusterNames { get; }

    /// <summary>The latest snapshot of a cluster, or null when no such cluster is monitored.</summary>
    ClusterSnapshot? GetSnapshot(string cluster);

    /// <summary>A server of a cluster by host and port, or null.</summary>
    ServerSnapshot? FindServer(string cluster, string host, int port);

    /// <summary>A server of a cluster by replication-manager id (<c>db</c> + CRC-64), or null.</summary>
    ServerSnapshot? FindServerById(string cluster, string id);

    /// <summary>
    /// Puts a server in maintenance or takes it out; the next tick shows it. False when no such server is monitored.
    /// </summary>
    bool SetMaintenance(string cluster, ServerAddress server, bool inMaintenance);

    /// <summary>Pulsed each time a cluster's snapshot is replaced (each monitoring tick).</summary>
    ChangeSignal Changes { get; }

    /// <summary>
    /// Every state change from this call on, in order, until the token is cancelled (the subscription starts at the
    /// call; cancel the token to end it). A reader that falls far behind loses the oldest changes: the snapshot is
    /// the truth, changes are notifications.
    /// </summary>
    IAsyncEnumerable<ServerStateChange> WatchStateChangesAsync(CancellationToken cancellationToken);
}
