using ReplicationManager.Core.Metrics;
using ReplicationManager.Core.Options;
using ReplicationManager.Server.Graphite;

namespace ReplicationManager.Server.Hosting;

/// <summary>
/// Graphite: <c>graphite-embedded</c> runs the store (whisper files under <c>{datadir}/graphite</c>, carbon
/// receivers, the render API); <c>graphite-metrics</c> feeds each tick's server metrics to it, or to the Carbon at
/// <c>graphite-carbon-host</c> when the store is not embedded.
/// </summary>
internal static class GraphiteHostExtensions
{
    public static IServiceCollection AddRepmanGraphite(this IServiceCollection services, GlobalOptions global)
    {
        var graphite = global.Graphite;
        services.AddSingleton(graphite);
        if (graphite.Embedded)
        {
            services.AddSingleton(provider => new MetricStore(Path.Combine(global.Datadir, "graphite"), graphite.Retentions, provider.GetRequiredService<TimeProvider>()));
            services.AddHostedService<CarbonReceiver>();
        }
        if (graphite.Metrics)
        {
            services.AddSingleton<IMetricSink>(provider => graphite.Embedded
                ? provider.GetRequiredService<MetricStore>()
                : new CarbonSender(graphite.CarbonHost, graphite.CarbonPort));
            services.AddHostedService<GraphiteFeed>();
        }
        return services;
    }
}
