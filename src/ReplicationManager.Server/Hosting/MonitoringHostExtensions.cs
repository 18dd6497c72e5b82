using ReplicationManager.Core.Failover;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Server.Hosting;

/// <summary>
/// Registers topology monitoring and what acts on it: the cluster registry, the server state store, one failover
/// coordinator and one monitoring loop per cluster.
/// </summary>
public static class MonitoringHostExtensions
{
    public static IServiceCollection AddRepmanMonitoring(this IServiceCollection services, RepmanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<ClusterRegistry>();
        services.AddSingleton<IClusterRegistry>(provider => provider.GetRequiredService<ClusterRegistry>());
        services.AddSingleton(new ServerStateStore(options.Global.Datadir));
        services.AddSingleton(new FailoverHistoryStore(options.Global.Datadir));
        services.AddSingleton(provider => new FailoverRegistry(options.Clusters.Select(cluster => FailoverCoordinator.Create(
            cluster,
            provider.GetRequiredService<IClusterRegistry>(),
            provider.GetRequiredService<FailoverHistoryStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()))));
        foreach (var cluster in options.Clusters)
        {
            services.AddSingleton<IHostedService>(provider =>
            {
                var monitor = ClusterMonitor.Create(
                    cluster,
                    provider.GetRequiredService<ClusterRegistry>(),
                    provider.GetRequiredService<ServerStateStore>(),
                    provider.GetRequiredService<TimeProvider>(),
                    provider.GetRequiredService<ILoggerFactory>());
                monitor.Guard(provider.GetRequiredService<FailoverRegistry>().Get(cluster.Name)!);
                return new ClusterMonitorService(monitor);
            });
        }
        return services;
    }
}
