using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Server.Hosting;

/// <summary>Registers topology monitoring: the cluster registry, the server state store and one loop per cluster.</summary>
public static class MonitoringHostExtensions
{
    public static IServiceCollection AddRepmanMonitoring(this IServiceCollection services, RepmanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<ClusterRegistry>();
        services.AddSingleton<IClusterRegistry>(provider => provider.GetRequiredService<ClusterRegistry>());
        services.AddSingleton(new ServerStateStore(options.Global.Datadir));
        foreach (var cluster in options.Clusters)
        {
            services.AddSingleton<IHostedService>(provider => new ClusterMonitorService(ClusterMonitor.Create(
                cluster,
                provider.GetRequiredService<ClusterRegistry>(),
                provider.GetRequiredService<ServerStateStore>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILoggerFactory>())));
        }
        return services;
    }
}
