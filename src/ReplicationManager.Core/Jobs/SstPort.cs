using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The port a host's job script listens on for what repman sends it (a reseed's backup, a script upgrade):
/// <c>scheduler-db-servers-receiver-ports</c>, taken by the server's place in <c>db-servers-hosts</c> modulo the list.
/// </summary>
public static class SstPort
{
    public const int Default = 4444;

    public static int Of(ClusterOptions cluster, ServerAddress server)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var ports = cluster.Scheduler.ReceiverPorts;
        var index = cluster.Monitoring.Hosts.ToList().IndexOf(server);
        return ports.Count == 0 ? Default : ports[Math.Max(index, 0) % ports.Count];
    }
}
