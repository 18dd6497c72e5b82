using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.MariaDb;

/// <summary>
/// A statement the client gives up on (timeout or cancellation) stops on the real server too. MariaDB notices a closed
/// client between statements, in lock waits and in SLEEP(), but not in work: a long write whose client left keeps
/// running, and keeps its row locks, until it ends by itself.
/// </summary>
public sealed class AbandonedStatementTests
{
    [Fact(Timeout = 120_000)]
    public async Task AWriteThatTimesOutStopsOnTheServerAndReleasesItsLocks()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await HeldTableAsync(lab, ct);
        var options = LabConnections.Options(lab, lab.Primary) with { Database = schema.Name };

        await using var updater = await MariaDbConnection.OpenAsync(options with { CommandTimeout = TimeSpan.FromSeconds(1) }, ct);
        // Minutes of work on one core, unless it is stopped.
        await Assert.ThrowsAsync<MariaDbTimeoutException>(() => updater.ExecuteAsync($"UPDATE held SET id = id + BENCHMARK(1000000000, MD5('x'))", ct));

        await WaitForAsync(schema.Connection, $"SELECT COUNT(*) = 0 FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE held%'", ct);
        await using (var writer = await MariaDbConnection.OpenAsync(options with { CommandTimeout = TimeSpan.FromSeconds(10) }, ct))
            await writer.ExecuteAsync($"UPDATE held SET id = 2", ct);
        Assert.Equal($"stopped on the server (KILL QUERY {updater.Server.ConnectionId})", updater.AbandonedStatement);
    }

    [Fact(Timeout = 120_000)]
    public async Task ACancelledFlushTablesWithReadLockIsStoppedOnTheServer()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await HeldTableAsync(lab, ct);
        var options = LabConnections.Options(lab, lab.Primary) with { Database = schema.Name, CommandTimeout = TimeSpan.FromSeconds(90) };
        // A long write keeps FLUSH TABLES WITH READ LOCK waiting for the global read lock.
        await using var updater = await MariaDbConnection.OpenAsync(options, ct);
        using var stopUpdating = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var updating = updater.ExecuteAsync($"UPDATE held SET id = id + SLEEP(40)", stopUpdating.Token);
        await WaitForAsync(schema.Connection, $"SELECT COUNT(*) = 1 FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE held%'", ct);

        await using var freezer = await MariaDbConnection.OpenAsync(options, ct);
        using var stopFreezing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var freezing = freezer.ExecuteAsync($"FLUSH TABLES WITH READ LOCK", stopFreezing.Token);
        await WaitForAsync(schema.Connection, $"SELECT COUNT(*) = 1 FROM information_schema.PROCESSLIST WHERE INFO LIKE 'FLUSH TABLES WITH READ LOCK%'", ct);
        await stopFreezing.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => freezing);

        Assert.Equal($"stopped on the server (KILL QUERY {freezer.Server.ConnectionId})", freezer.AbandonedStatement);
        await WaitForAsync(schema.Connection, $"SELECT COUNT(*) = 0 FROM information_schema.PROCESSLIST WHERE INFO LIKE 'FLUSH TABLES WITH READ LOCK%'", ct);
        await stopUpdating.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => updating);
        await WaitForAsync(schema.Connection, $"SELECT COUNT(*) = 0 FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE held%'", ct);
    }

    /// <summary>A scratch schema on the primary with a one-row table `held`.</summary>
    private static async Task<ScratchSchema> HeldTableAsync(LabEnvironment lab, CancellationToken ct)
    {
        var schema = await ScratchSchema.CreateAsync(lab, ct);
        await schema.Connection.ExecuteAsync($"CREATE TABLE held (id INT PRIMARY KEY)", ct);
        await schema.Connection.ExecuteAsync($"INSERT INTO held VALUES (1)", ct);
        return schema;
    }

    private static Task WaitForAsync(MariaDbConnection connection, SqlStatement condition, CancellationToken ct) =>
        Eventually.WaitUntilAsync(condition.ToString(), TimeSpan.FromSeconds(20), async () =>
            (await connection.QueryScalarAsync<long>(condition, ct) == 1, ""), ct);
}
