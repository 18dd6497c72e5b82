using ReplicationManager.Core.Options;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Monitoring;

/// <summary>How a probe connects: the cluster's credentials and TLS, with the short monitoring query timeout.</summary>
internal sealed record ServerProbeSettings(MonitoringOptions Monitoring)
{
    public static ServerProbeSettings From(MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options);
    }

    public MariaDbConnectOptions ConnectOptions(string host, int port) =>
        DatabaseConnections.For(Monitoring, host, port, Monitoring.QueryTimeout, "repman-monitoring");
}
