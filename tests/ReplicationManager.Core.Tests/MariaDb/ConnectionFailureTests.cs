using System.Diagnostics;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Tests.MariaDb;

public sealed class ConnectionFailureTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task TimesOutConnectingToAServerThatNeverSendsItsHandshake()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MariaDbTimeoutException>(
            () => server.ConnectAsync(FakeServer.Options with { ConnectTimeout = Short }, ct));

        Assert.Equal("connect to fake:3306 timed out after 150ms", error.Message);
        Assert.Equal("Connect", error.Phase);
        Assert.InRange(watch.Elapsed, Short * 0.9, Short * 10);
    }

    [Fact]
    public async Task TimesOutAQueryAndBreaksTheConnection()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct, FakeServer.Options with { CommandTimeout = Short });

        var query = connection.QueryAsync($"SELECT SLEEP(10)", ct);
        await server.ReceiveQueryAsync();
        var error = await Assert.ThrowsAsync<MariaDbTimeoutException>(() => query);

        Assert.Equal("query on fake:3306 timed out after 150ms", error.Message);
        Assert.True(connection.IsBroken);
        Assert.True(await server.IsClosedByClientAsync());
        var next = await Assert.ThrowsAsync<MariaDbConnectionException>(() => connection.PingAsync(ct));
        Assert.Contains("broken", next.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimesOutEachReadOfAStalledResult()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct, FakeServer.Options with { CommandTimeout = Short });

        var opening = connection.ExecuteReaderAsync($"SELECT x", ct);
        await server.ReceiveQueryAsync();
        await server.SendResultHeaderAsync([new("x")]);
        await server.SendRowAsync(["1"]);
        await using var reader = await opening;
        Assert.True(await reader.ReadAsync(ct));
        var error = await Assert.ThrowsAsync<MariaDbTimeoutException>(async () => await reader.ReadAsync(ct));

        Assert.StartsWith("reading results from fake:3306 timed out", error.Message, StringComparison.Ordinal);
        Assert.True(connection.IsBroken);
    }

    [Fact]
    public async Task CancelsAQueryAsOperationCanceledAndBreaksTheConnection()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var query = connection.QueryAsync($"SELECT SLEEP(10)", cancellation.Token);
        await server.ReceiveQueryAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
        Assert.True(connection.IsBroken);
    }

    [Fact]
    public async Task DoesNotBreakTheConnectionForATokenCancelledBeforeTheCall()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.PingAsync(new CancellationToken(canceled: true)));

        Assert.False(connection.IsBroken);
    }

    [Fact]
    public async Task ReportsAServerThatClosesMidQueryAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct, FakeServer.Options with { CommandTimeout = TimeSpan.FromMinutes(1) });
        var watch = Stopwatch.StartNew();

        var query = connection.QueryAsync($"SELECT SLEEP(30)", ct);
        await server.ReceiveQueryAsync();
        await server.DisposeAsync();
        var error = await Assert.ThrowsAsync<MariaDbConnectionException>(() => query);

        Assert.Equal("connection to fake:3306 closed by the server", error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.True(connection.IsBroken);
    }

    [Fact]
    public async Task ReportsAServerThatClosesMidRow()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);

        var query = connection.QueryAsync($"SELECT x", ct);
        await server.ReceiveQueryAsync();
        await server.SendResultHeaderAsync([new("x")]);
        await server.SendTruncatedPacketAsync(declaredLength: 6, [5, (byte)'a']);
        await server.DisposeAsync();

        await Assert.ThrowsAsync<MariaDbConnectionException>(() => query);
    }

    [Fact]
    public async Task BreaksTheConnectionOnAMalformedRow()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);

        var query = connection.QueryAsync($"SELECT x", ct);
        await server.ReceiveQueryAsync();
        await server.SendResultHeaderAsync([new("x")]);
        await server.SendAsync([9, (byte)'a']);
        var error = await Assert.ThrowsAsync<MariaDbConnectionException>(() => query);

        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
        Assert.True(connection.IsBroken);
    }
}
