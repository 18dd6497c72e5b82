using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api.Contracts;

namespace ReplicationManager.Server.Api.Mapping;

/// <summary>A cluster snapshot in replication-manager's JSON (<c>/api/clusters</c>, <c>/api/clusters/{cluster}</c>).</summary>
internal static class ClusterMapper
{
    public static ClusterJson ToJson(ClusterSnapshot cluster, ClusterOptions? options, RepmanInstance instance)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(instance);
        return new ClusterJson
        {
            Name = cluster.Name,
            DbServers = cluster.Servers.Select(s => s.Id).ToList(),
            ActivePassiveStatus = instance.Status,
            IsDown = !cluster.Servers.Any(s => s.IsReachable),
            IsAllDbUp = cluster.Servers.Count > 0 && cluster.Servers.All(s => s.IsReachable),
            IsFailable = IsFailable(cluster),
            Topology = cluster.PrimaryAddress is not null && cluster.Replicas.Count > 0 ? "master-slave" : "unknown",
            Config = new ClusterConfigJson
            {
                Title = options?.Title ?? cluster.Name,
                DbServersHosts = string.Join(',', options?.Monitoring.Hosts ?? cluster.Servers.Select(s => s.Address)),
                DbServersPreferedMaster = string.Join(',', options?.Monitoring.PreferredMasters ?? []),
                MonitoringTicker = (long)(options?.Monitoring.Ticker.TotalSeconds ?? 0),
            },
        };
    }

    /// <summary>replication-manager's "failable": the cluster has one primary that answers.</summary>
    public static bool IsFailable(ClusterSnapshot cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Primary is { IsReachable: true }
            && !cluster.Problems.Any(p => p.Code is TopologyProblemCode.NoPrimary or TopologyProblemCode.SeveralPrimaries or TopologyProblemCode.PrimaryUnreachable);
    }
}
