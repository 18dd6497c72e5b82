using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs;

/// <summary>How repman connects to a database server of a cluster for jobs: the long read timeout.</summary>
internal static class DatabaseConnectOptions
{
    public static MariaDbConnectOptions For(MonitoringOptions monitoring, ServerAddress server) =>
        DatabaseConnections.For(monitoring, server.Host, server.Port, monitoring.ReadTimeout, "repman-jobs");
}
