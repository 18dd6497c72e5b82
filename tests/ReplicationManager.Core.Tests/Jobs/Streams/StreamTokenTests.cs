using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ReplicationManager.Core.Jobs.Streams;

namespace ReplicationManager.Core.Tests.Jobs.Streams;

/// <summary>
/// A receiver that requires a stream token keeps only a stream that begins with it (the token line is not part of
/// what is kept), and refuses any other sender, whose bytes leave nothing behind.
/// </summary>
public sealed class StreamTokenTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("repman-stream-token-");

    [Fact(Timeout = 20_000)]
    public async Task AStreamBeginningWithTheTokenIsKeptWithoutIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OpenAsync(ct);
        var token = receiver.RequireToken()!;
        Assert.Equal(token, receiver.RequireToken());
        var payload = RandomNumberGenerator.GetBytes(300_000);

        var receive = receiver.ReceiveAsync(Wait, Wait, ct);
        // In pieces of 7 bytes first, so that the token line arrives split over several reads.
        await SendAsync(receiver, [.. Encoding.ASCII.GetBytes(token + "\n"), .. payload], piece: 7, ct);
        var receipt = await receive;

        Assert.Equal(payload.Length, receipt.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), receipt.Sha256);
        Assert.Equal(payload, await File.ReadAllBytesAsync(receipt.PartialPath, ct));
    }

    [Theory(Timeout = 20_000)]
    [InlineData("another sender's bytes, long enough to be compared with the token line")]
    [InlineData("short")]
    [InlineData("")]
    public async Task AnotherSenderIsRefusedAndLeavesNothing(string sent)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OpenAsync(ct);
        receiver.RequireToken();

        var receive = receiver.ReceiveAsync(Wait, Wait, ct);
        await SendAsync(receiver, Encoding.ASCII.GetBytes(sent), piece: 1 << 16, ct);
        var refused = await Assert.ThrowsAsync<StreamTransferException>(() => receive);

        Assert.Contains("did not begin with the token that receive-task gave the job script", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(receiver.PartialPath));
    }

    [Fact(Timeout = 20_000)]
    public async Task ATokenCannotBeRequiredOnceASenderConnectedWithoutOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OpenAsync(ct);
        var receive = receiver.ReceiveAsync(Wait, Wait, ct);
        await SendAsync(receiver, "plain"u8.ToArray(), piece: 1 << 16, ct);
        await receive;

        Assert.Null(receiver.RequireToken());
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private async Task<StreamReceiver> OpenAsync(CancellationToken ct) =>
        StreamReceiver.Open(IPAddress.Loopback, await new ReceiverPortPool([]).AcquireAsync(ct), Path.Combine(_folder.FullName, "stream.bin"), TimeProvider.System);

    private static async Task SendAsync(StreamReceiver receiver, byte[] bytes, int piece, CancellationToken ct)
    {
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await sender.ConnectAsync(receiver.Endpoint, ct);
        for (var offset = 0; offset < bytes.Length; offset += piece)
        {
            // Small pieces for the first bytes only; the rest goes in one.
            var size = offset < 200 ? Math.Min(piece, bytes.Length - offset) : bytes.Length - offset;
            await sender.SendAsync(bytes.AsMemory(offset, size), SocketFlags.None, ct);
            if (size == bytes.Length - offset)
                break;
        }
        sender.Shutdown(SocketShutdown.Send);
    }
}
