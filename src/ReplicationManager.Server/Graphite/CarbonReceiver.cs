using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ReplicationManager.Core.Metrics;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Server.Graphite;

/// <summary>
/// The embedded store's carbon receivers, so existing collectors can write into it: plaintext (TCP and UDP on
/// <c>graphite-carbon-host</c>:<c>graphite-carbon-port</c>) and pickle (TCP on <c>graphite-carbon-pickle-port</c>).
/// A bad line or point is refused and logged (first ten, then every thousandth) and the connection goes on; a pickle
/// that is not a list of points ends its connection.
/// </summary>
internal sealed class CarbonReceiver(MetricStore store, GraphiteOptions options, TimeProvider time, ILogger<CarbonReceiver> logger) : BackgroundService
{
    private const int MaxLine = 4096;
    private long _refused;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var address = IPAddress.TryParse(options.CarbonHost, out var parsed) ? parsed : IPAddress.Loopback;
        var endpoint = new IPEndPoint(address, options.CarbonPort);
        var tcp = new TcpListener(endpoint);
        var pickle = new TcpListener(new IPEndPoint(address, options.CarbonPicklePort));
        UdpClient udp;
        try
        {
            tcp.Start();
            pickle.Start();
            udp = new UdpClient(endpoint);
        }
        catch (SocketException ex)
        {
            tcp.Stop();
            pickle.Stop();
            GraphiteLog.ReceiverFailed(logger, options.CarbonHost, options.CarbonPort, ex.Message);
            return;
        }
        GraphiteLog.StoreReady(logger, store.Root, string.Join(",", options.Retentions.Select(r => $"{r.SecondsPerPoint}s:{(long)r.SecondsPerPoint * r.Points}s")), options.CarbonHost, options.CarbonPort, options.CarbonPicklePort);
        using (udp)
        {
            try
            {
                await Task.WhenAll(AcceptAsync(tcp, ReadAsync, stoppingToken), AcceptAsync(pickle, ReadPicklesAsync, stoppingToken), ReceiveAsync(udp, stoppingToken));
            }
            finally
            {
                tcp.Stop();
                pickle.Stop();
            }
        }
    }

    private static async Task AcceptAsync(TcpListener listener, Func<TcpClient, CancellationToken, Task> read, CancellationToken stoppingToken)
    {
        var connections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stoppingToken);
                connections.RemoveAll(task => task.IsCompleted);
                connections.Add(read(client, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(connections);
    }

    /// <summary>Each read's complete lines are stored together (a file opened once per metric per read), the partial last line kept for the next.</summary>
    private async Task ReadAsync(TcpClient client, CancellationToken stoppingToken)
    {
        using (client)
        {
            var peer = client.Client.RemoteEndPoint?.ToString() ?? "?";
            var stream = client.GetStream();
            var buffer = new byte[64 * 1024];
            var kept = 0;
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(kept), stoppingToken)) > 0)
                {
                    var filled = kept + read;
                    var end = Array.LastIndexOf(buffer, (byte)'\n', filled - 1);
                    if (end < 0)
                    {
                        // No newline in a full buffer: a line longer than anything carbon sends.
                        kept = filled == buffer.Length ? 0 : filled;
                        if (filled == buffer.Length)
                            Refuse(peer, $"a line longer than {buffer.Length} bytes");
                        continue;
                    }
                    Take(Encoding.ASCII.GetString(buffer, 0, end).Split('\n'), peer);
                    kept = filled - end - 1;
                    Array.Copy(buffer, end + 1, buffer, 0, kept);
                }
                if (kept > 0)
                    Take([Encoding.ASCII.GetString(buffer, 0, kept)], peer);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // The collector went away or repman stops: what was read is stored.
            }
        }
    }

    private async Task ReadPicklesAsync(TcpClient client, CancellationToken stoppingToken)
    {
        using (client)
        {
            var peer = client.Client.RemoteEndPoint?.ToString() ?? "?";
            var stream = client.GetStream();
            var header = new byte[4];
            try
            {
                while (await stream.ReadAtLeastAsync(header, 4, throwOnEndOfStream: false, stoppingToken) == 4)
                {
                    var length = BinaryPrimitives.ReadUInt32BigEndian(header);
                    if (length > CarbonPickle.MaxPayload)
                    {
                        Refuse(peer, $"a pickle of {length} bytes (at most {CarbonPickle.MaxPayload})");
                        return;
                    }
                    var payload = new byte[length];
                    await stream.ReadExactlyAsync(payload, stoppingToken);
                    foreach (var point in store.WriteMany(CarbonPickle.Parse(payload)))
                        Refuse(peer, $"'{point.Name}' at {point.Timestamp}: not a metric name, or outside the retention");
                }
            }
            catch (FormatException ex)
            {
                Refuse(peer, ex.Message);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or EndOfStreamException)
            {
                // The collector went away or repman stops: what was read is stored.
            }
        }
    }

    private void Refuse(string peer, string reason)
    {
        var refused = Interlocked.Increment(ref _refused);
        if (refused <= 10 || refused % 1000 == 0)
            GraphiteLog.LineRefused(logger, peer, reason, refused);
    }

    private async Task ReceiveAsync(UdpClient udp, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var datagram = await udp.ReceiveAsync(stoppingToken);
                Take(Encoding.ASCII.GetString(datagram.Buffer).Split('\n'), datagram.RemoteEndPoint.ToString());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Take(IEnumerable<string> lines, string peer)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var points = new List<MetricPoint>();
        foreach (var raw in lines)
        {
            var line = (raw.Length > MaxLine ? raw[..MaxLine] : raw).Trim();
            if (line.Length == 0)
                continue;
            if (CarbonLine.Parse(line, now, out var error) is { } point)
                points.Add(point);
            else
                Refuse(peer, error!);
        }
        foreach (var point in store.WriteMany(points))
            Refuse(peer, $"'{point.Name}' at {point.Timestamp}: older than the retention or newer than now");
    }
}
