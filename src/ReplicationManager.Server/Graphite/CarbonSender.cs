using System.Net.Sockets;
using System.Text;
using ReplicationManager.Core.Metrics;

namespace ReplicationManager.Server.Graphite;

/// <summary>Metrics sent to a Carbon elsewhere (<c>graphite-carbon-host</c>) over the plaintext protocol, a connection per batch.</summary>
internal sealed class CarbonSender(string host, int port) : IMetricSink
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task WriteAsync(IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
            return;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, bounded.Token);
        var text = new StringBuilder();
        foreach (var point in points)
            text.Append(CarbonLine.Format(point));
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), bounded.Token);
    }
}
