using ReplicationManager.Core.Metrics;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Server.Graphite;

/// <summary>
/// <c>graphite-metrics</c>: after each monitoring tick, the servers' metrics go to the sink (the embedded store, or a
/// Carbon elsewhere). Woken by the registry's change signal; a tick already sent is not sent again.
/// </summary>
internal sealed class GraphiteFeed(IClusterRegistry registry, IMetricSink sink, GraphiteOptions options, ILogger<GraphiteFeed> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sent = new Dictionary<string, long>(StringComparer.Ordinal);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = registry.Changes.Next;
            foreach (var snapshot in registry.ClusterNames.Select(registry.GetSnapshot).OfType<ClusterSnapshot>())
            {
                if (snapshot.Tick == 0 || sent.GetValueOrDefault(snapshot.Name) == snapshot.Tick)
                    continue;
                sent[snapshot.Name] = snapshot.Tick;
                try
                {
                    await sink.WriteAsync(ServerMetrics.Of(snapshot, options.WhitelistTemplate), stoppingToken);
                }
                catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException or InvalidDataException
                    || (ex is OperationCanceledException && !stoppingToken.IsCancellationRequested))
                {
                    GraphiteLog.FeedFailed(logger, snapshot.Name, ex.Message);
                }
            }
            await next.WaitAsync(stoppingToken);
        }
    }
}
