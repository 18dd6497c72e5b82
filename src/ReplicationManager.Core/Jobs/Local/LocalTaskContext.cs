using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>What a local task needs: its cluster's options, the target server, where to write, the clock and a log.</summary>
public sealed record LocalTaskContext(
    ClusterOptions Cluster,
    ServerSnapshot Server,
    JobDestinations Destinations,
    TimeProvider Time,
    ILogger Logger)
{
    /// <summary>Connection options for the target server with the cluster's credentials and the long read timeout.</summary>
    public MariaDbConnectOptions ConnectOptions => DatabaseConnectOptions.For(Cluster.Monitoring, Server.Address);
}
