using ReplicationManager.MariaDb;
using ReplicationManager.MariaDb.Io;
using ReplicationManager.MariaDb.Protocol;

namespace ReplicationManager.Core.Tests.MariaDb;

public sealed class PacketChannelTests
{
    private static readonly Deadline NoDeadline = Deadline.Start(Timeout.InfiniteTimeSpan, IoOperation.Query);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(PacketChannel.MaxPacketLength - 1)]
    [InlineData(PacketChannel.MaxPacketLength)]
    [InlineData(PacketChannel.MaxPacketLength + 1)]
    [InlineData(2 * PacketChannel.MaxPacketLength + 10)]
    public async Task SendsPayloadsSplitIntoPacketsOfAtMost16MB(int length)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var channel = new PacketChannel(new Transport(server.ClientStream, FakeServer.Endpoint));
        var payload = Pattern(length);

        channel.StartPayload().WriteBytes(payload);
        var sending = channel.SendAsync(NoDeadline, ct).AsTask();
        var received = await server.ReceiveAsync();
        await sending;

        Assert.Equal(payload, received);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(70_000)]
    [InlineData(PacketChannel.MaxPacketLength)]
    [InlineData(PacketChannel.MaxPacketLength + 5)]
    public async Task ReceivesPayloadsJoinedFromSeveralPackets(int length)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var channel = new PacketChannel(new Transport(server.ClientStream, FakeServer.Endpoint));
        var payload = Pattern(length);

        var sending = server.SendAsync(payload);
        var received = await channel.ReadAsync(NoDeadline, ct);
        await sending;

        Assert.Equal(payload, received.ToArray());
    }

    [Fact]
    public async Task ReadsManySmallPacketsFromOneBuffer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var channel = new PacketChannel(new Transport(server.ClientStream, FakeServer.Endpoint));

        for (var i = 0; i < 1000; i++)
            await server.SendAsync([(byte)i, (byte)(i >> 8)]);
        for (var i = 0; i < 1000; i++)
        {
            var payload = await channel.ReadAsync(NoDeadline, ct);
            Assert.Equal(i, payload.Span[0] | payload.Span[1] << 8);
        }
    }

    [Fact]
    public async Task RefusesAPacketOutOfSequence()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var channel = new PacketChannel(new Transport(server.ClientStream, FakeServer.Endpoint));

        await server.SendPacketAsync(new byte[] { 1, 2, 3 }, sequence: 5);
        var error = await Assert.ThrowsAsync<MariaDbConnectionException>(async () => await channel.ReadAsync(NoDeadline, ct));

        Assert.Contains("sequence id 5, expected 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowsTheMessageOfAnErrorSentOutOfTurn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var channel = new PacketChannel(new Transport(server.ClientStream, FakeServer.Endpoint));

        await server.SendPacketAsync((byte[])[0xFF, 0x1F, 0x0F, .. "#HY000The client was disconnected by the server because of inactivity"u8], sequence: 7);
        var error = await Assert.ThrowsAsync<MariaDbConnectionException>(async () => await channel.ReadAsync(NoDeadline, ct));

        Assert.Contains("ended by the server", error.Message, StringComparison.Ordinal);
        Assert.Contains("inactivity", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = (byte)(i * 7 + (i >> 16));
        return bytes;
    }
}
