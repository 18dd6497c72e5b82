using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Tests.MariaDb;

/// <summary>Whatever garbage a server sends, the client answers with a typed error, never a crash of its own.</summary>
public sealed class MalformedResponseTests
{
    private static readonly byte[] FirstBytes = [0x00, 0xFF, 0xFE, 0xFB, 0xFC, 0xFD, 0x01, 0x02, 0x03];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AnswersRandomResponsesWithTypedErrors(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 60; round++)
            await AssertTypedOutcomeAsync(random, withResultHeader: round % 2 == 0);
    }

    [Fact]
    public async Task AnswersRandomHandshakesWithTypedErrors()
    {
        var random = new Random(4);
        for (var round = 0; round < 100; round++)
        {
            var server = new FakeServer();
            var opening = server.ConnectAsync(FakeServer.Options, TestContext.Current.CancellationToken);
            var payload = RandomPayload(random);
            if (payload.Length > 0 && round % 2 == 0)
                payload[0] = 10;
            await server.SendAsync(payload);
            await server.DisposeAsync();

            var outcome = await Record.ExceptionAsync(() => opening);

            Assert.True(outcome is MariaDbException, $"unexpected {outcome}");
        }
    }

    private static async Task AssertTypedOutcomeAsync(Random random, bool withResultHeader)
    {
        var ct = TestContext.Current.CancellationToken;
        var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct, FakeServer.Options with { CommandTimeout = TimeSpan.FromSeconds(2) });
        var query = connection.QueryAsync($"SELECT x", ct);
        await server.ReceiveQueryAsync();
        if (withResultHeader)
            await server.SendResultHeaderAsync([new("x"), new("y", MariaDbColumnType.LongLong, 63)]);
        for (var packet = random.Next(1, 4); packet > 0; packet--)
            await server.SendAsync(RandomPayload(random));
        await server.DisposeAsync();

        var outcome = await Record.ExceptionAsync(() => query);

        Assert.True(outcome is null or MariaDbException, $"unexpected {outcome}");
    }

    private static byte[] RandomPayload(Random random)
    {
        var payload = new byte[random.Next(0, 40)];
        random.NextBytes(payload);
        if (payload.Length > 0 && random.Next(2) == 0)
            payload[0] = FirstBytes[random.Next(FirstBytes.Length)];
        return payload;
    }
}
