using System.Buffers;
using System.Net.Sockets;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Reseed;

/// <summary>
/// Sends a stored backup to a joiner's SST port as the spec draws it (repman → DB host, port 4444): the joiner's
/// listener may open a moment after it said it waits, so the connection is tried until <c>connectWithin</c> passed.
/// </summary>
internal static class SstSender
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Sends the backup whole; <paramref name="sent"/> follows the bytes written and is called with the total before
    /// the connection closes, so that whoever the joiner asks next already knows what was sent.
    /// </summary>
    /// <param name="writeBytes">Bytes per write (<c>sst-send-buffer</c>).</param>
    /// <param name="maxBytesPerSecond">A pace not to exceed (<c>sst-send-max-rate</c>); 0 for none.</param>
    /// <param name="source">The backup: a stored file, or a donor's stream as it arrives (<see cref="RelayStream"/>).</param>
    public static async Task SendAsync(Stream source, ServerAddress target, int writeBytes, long maxBytesPerSecond, TimeSpan connectWithin, Action<long, bool> sent,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var client = await ConnectAsync(target, connectWithin, time, cancellationToken);
        var stream = client.GetStream();
        var buffer = ArrayPool<byte>.Shared.Rent(writeBytes);
        var started = time.GetTimestamp();
        try
        {
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, writeBytes), cancellationToken)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                total += read;
                sent(total, false);
                if (maxBytesPerSecond > 0 && TimeSpan.FromSeconds((double)total / maxBytesPerSecond) - time.GetElapsedTime(started) is { Ticks: > 0 } ahead)
                    await Task.Delay(ahead, time, cancellationToken);
            }
            await stream.FlushAsync(cancellationToken);
            sent(total, true);
            client.Client.Shutdown(SocketShutdown.Send);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<TcpClient> ConnectAsync(ServerAddress target, TimeSpan within, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + within;
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync(target.Host, target.Port, cancellationToken);
                return client;
            }
            catch (SocketException ex)
            {
                client.Dispose();
                if (time.GetUtcNow() >= deadline)
                    throw new IOException($"the joiner's SST port {target} did not accept a connection within {within.TotalSeconds:0}s: {ex.Message}", ex);
            }
            await Task.Delay(RetryEvery, time, cancellationToken);
        }
    }
}
