using System.Net;
using System.Net.Sockets;
using System.Text;
using ReplicationManager.Core.Metrics;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Server.Graphite;

/// <summary>
/// The embedded store's carbon plaintext receivers (TCP and UDP on <c>graphite-carbon-host</c>:<c>graphite-carbon-port</c>),
/// so existing collectors can write into it. A bad line is refused and logged (first ten, then every thousandth);
/// the connection goes on.
/// </summary>
internal sealed class CarbonReceiver(MetricStore store, GraphiteOptions options, TimeProvider time, ILogger<CarbonReceiver> logger) : BackgroundService
{
    private const int MaxLine = 4096;
    private long _refused;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var address = IPAddress.TryParse(options.CarbonHost, out var parsed) ? parsed : IPAddress.Loopback;
        var endpoint = new IPEndPoint(address, options.CarbonPort);
        TcpListener tcp;
        UdpClient udp;
        try
        {
            tcp = new TcpListener(endpoint);
            tcp.Start();
            udp = new UdpClient(endpoint);
        }
        catch (SocketException ex)
        {
            GraphiteLog.ReceiverFailed(logger, options.CarbonHost, options.CarbonPort, ex.Message);
            return;
        }
        GraphiteLog.StoreReady(logger, store.Root, string.Join(",", options.Retentions.Select(r => $"{r.SecondsPerPoint}s:{(long)r.SecondsPerPoint * r.Points}s")), options.CarbonHost, options.CarbonPort);
        using (udp)
        {
            try
            {
                await Task.WhenAll(AcceptAsync(tcp, stoppingToken), ReceiveAsync(udp, stoppingToken));
            }
            finally
            {
                tcp.Stop();
            }
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stoppingToken)
    {
        var connections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stoppingToken);
                connections.RemoveAll(task => task.IsCompleted);
                connections.Add(ReadAsync(client, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(connections);
    }

    private async Task ReadAsync(TcpClient client, CancellationToken stoppingToken)
    {
        using (client)
        {
            var peer = client.Client.RemoteEndPoint?.ToString() ?? "?";
            try
            {
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                while (await reader.ReadLineAsync(stoppingToken) is { } line)
                    Take(line.Length > MaxLine ? line[..MaxLine] : line, peer);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // The collector went away or repman stops: what was read is stored.
            }
        }
    }

    private async Task ReceiveAsync(UdpClient udp, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var datagram = await udp.ReceiveAsync(stoppingToken);
                foreach (var line in Encoding.ASCII.GetString(datagram.Buffer).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    Take(line, datagram.RemoteEndPoint.ToString());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Take(string line, string peer)
    {
        if (line.Trim().Length == 0)
            return;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var point = CarbonLine.Parse(line.Trim(), now, out var error);
        if (point is not null && store.Write(point.Name, point.Value, point.Timestamp))
            return;
        var refused = Interlocked.Increment(ref _refused);
        if (refused <= 10 || refused % 1000 == 0)
            GraphiteLog.LineRefused(logger, peer, error ?? "the point is older than the retention or newer than now", refused);
    }
}
