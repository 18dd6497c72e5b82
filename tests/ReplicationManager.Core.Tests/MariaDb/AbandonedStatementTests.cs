using ReplicationManager.MariaDb;
using ReplicationManager.MariaDb.Io;

namespace ReplicationManager.Core.Tests.MariaDb;

/// <summary>
/// A statement abandoned by a cancellation or a timeout is stopped on the server with KILL QUERY through a side
/// connection opened like the first, before the call's exception reaches the caller; a side connection that cannot be
/// made never replaces that exception.
/// </summary>
public sealed class AbandonedStatementTests
{
    [Fact]
    public async Task ACancelledQueryIsKilledThroughASideConnectionBeforeTheCallEnds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var side = new FakeServer();
        await using var connection = await OpenAsync(server, side, ct);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var query = connection.QueryAsync($"SELECT SLEEP(10)", cancellation.Token);
        await server.ReceiveQueryAsync();
        await cancellation.CancelAsync();
        await side.SendHandshakeAsync();
        var login = await side.ReceiveHandshakeResponseAsync();
        await side.SendOkAsync();
        Assert.Equal("KILL QUERY 42", await side.ReceiveQueryAsync());
        Assert.False(query.IsCompleted, "the call ended before the statement was stopped on the server");
        await side.SendOkAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
        Assert.Equal("repman", login.User);
        Assert.Equal("stopped on the server (KILL QUERY 42)", connection.AbandonedStatement);
    }

    [Fact]
    public async Task AQueryThatEndedMeanwhileIsSaidToHaveEnded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var side = new FakeServer();
        await using var connection = await OpenAsync(server, side, ct, FakeServer.Options with { CommandTimeout = TimeSpan.FromMilliseconds(150) });

        var query = connection.ExecuteAsync($"FLUSH TABLES WITH READ LOCK", ct);
        await server.ReceiveQueryAsync();
        await side.SendHandshakeAsync();
        await side.ReceiveHandshakeResponseAsync();
        await side.SendOkAsync();
        await side.ReceiveQueryAsync();
        await side.SendErrorAsync(MariaDbErrorCodes.NoSuchThread, "HY000", "Unknown thread id: 42");

        await Assert.ThrowsAsync<MariaDbTimeoutException>(() => query);
        Assert.Equal("had already ended on the server (KILL QUERY 42: unknown thread)", connection.AbandonedStatement);
    }

    [Fact]
    public async Task ASideConnectionRefusedLeavesTheCallsOwnExceptionAndSaysTheStatementMayRun()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var side = new FakeServer();
        await using var connection = await OpenAsync(server, side, ct);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var query = connection.ExecuteAsync($"SELECT SLEEP(10)", cancellation.Token);
        await server.ReceiveQueryAsync();
        await cancellation.CancelAsync();
        await side.SendErrorAsync(MariaDbErrorCodes.TooManyConnections, "08004", "Too many connections");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
        Assert.StartsWith("may still run on the server: KILL QUERY 42 failed: ", connection.AbandonedStatement, StringComparison.Ordinal);
        Assert.Contains("Too many connections", connection.AbandonedStatement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAStopTimeoutTheStatementIsLeftToTheServer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var side = new FakeServer();
        await using var connection = await OpenAsync(server, side, ct, FakeServer.Options with { StatementStopTimeout = TimeSpan.Zero });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var query = connection.ExecuteAsync($"SELECT SLEEP(10)", cancellation.Token);
        await server.ReceiveQueryAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
        Assert.Null(connection.AbandonedStatement);
        Assert.True(connection.IsBroken);
    }

    [Fact]
    public async Task AServerErrorAbandonsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var side = new FakeServer();
        await using var connection = await OpenAsync(server, side, ct);

        var query = connection.ExecuteAsync($"SELECT nope", ct);
        await server.ReceiveQueryAsync();
        await server.SendErrorAsync(1054, "42S22", "Unknown column 'nope'");

        await Assert.ThrowsAsync<MariaDbException>(() => query);
        Assert.Null(connection.AbandonedStatement);
        Assert.False(connection.IsBroken);
    }

    /// <summary>A connection whose first transport is <paramref name="server"/>'s and every later one <paramref name="side"/>'s.</summary>
    private static async Task<MariaDbConnection> OpenAsync(FakeServer server, FakeServer side, CancellationToken ct, MariaDbConnectOptions? options = null)
    {
        var opened = 0;
        var opening = MariaDbConnection.OpenAsync(options ?? FakeServer.Options, (_, _) =>
            Task.FromResult(new Transport(Interlocked.Increment(ref opened) == 1 ? server.ClientStream : side.ClientStream, FakeServer.Endpoint)), ct);
        await server.SendHandshakeAsync();
        await server.ReceiveHandshakeResponseAsync();
        await server.SendOkAsync();
        return await opening;
    }
}
