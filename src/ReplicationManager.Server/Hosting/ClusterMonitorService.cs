using ReplicationManager.Core.Monitoring;

namespace ReplicationManager.Server.Hosting;

/// <summary>Runs one cluster's monitoring loop for the host's lifetime; shutdown cancels it and closes its connections.</summary>
internal sealed class ClusterMonitorService(ClusterMonitor monitor) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (monitor)
            await monitor.RunAsync(stoppingToken);
    }
}
