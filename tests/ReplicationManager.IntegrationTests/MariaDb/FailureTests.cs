using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.MariaDb;

/// <summary>Every failure surfaces as a typed error after the time it deserves: at once, or exactly its timeout.</summary>
public sealed class FailureTests
{
    [Fact(Timeout = 120_000)]
    public async Task ReportsAServerKilledMidQueryAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var victim = lab.Replicas[^1];
        await using var db = await LabConnections.OpenAsync(lab, victim, ct);
        try
        {
            var query = db.QueryAsync($"SELECT SLEEP(30)", ct);
            await Task.Delay(300, ct);
            await lab.RunLabAsync(ct, "kill", victim.Name);
            var watch = Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<MariaDbConnectionException>(() => query);

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the error took {watch.Elapsed}");
            Assert.Contains(victim.Address, error.Message, StringComparison.Ordinal);
            Assert.True(db.IsBroken);
        }
        finally
        {
            await lab.RunLabAsync(CancellationToken.None, "start", victim.Name);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task ReportsARefusedConnectionAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var port = UnusedPort();
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MariaDbConnectionException>(() => MariaDbConnection.OpenAsync(
            LabConnections.Options(lab, lab.Primary) with { Host = "127.0.0.1", Port = port, ConnectTimeout = TimeSpan.FromSeconds(30) }, ct));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the error took {watch.Elapsed}");
        Assert.StartsWith($"connect to 127.0.0.1:{port} failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 60_000)]
    public async Task SpendsExactlyTheConnectTimeoutOnAServerThatNeverAnswers()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        using var blackhole = new TcpListener(IPAddress.Loopback, 0);
        blackhole.Start();
        var port = ((IPEndPoint)blackhole.LocalEndpoint).Port;
        var timeout = TimeSpan.FromSeconds(1);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MariaDbTimeoutException>(() => MariaDbConnection.OpenAsync(
            LabConnections.Options(lab, lab.Primary) with { Host = "127.0.0.1", Port = port, ConnectTimeout = timeout }, ct));

        Assert.InRange(watch.Elapsed, timeout * 0.95, timeout + TimeSpan.FromMilliseconds(500));
        Assert.Equal($"connect to 127.0.0.1:{port} timed out after 1s", error.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task SpendsExactlyTheCommandTimeoutOnASlowQuery()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var timeout = TimeSpan.FromSeconds(1);
        await using var db = await MariaDbConnection.OpenAsync(LabConnections.Options(lab, lab.Primary) with { CommandTimeout = timeout }, ct);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MariaDbTimeoutException>(() => db.QueryAsync($"SELECT SLEEP(10)", ct));

        Assert.InRange(watch.Elapsed, timeout * 0.95, timeout + TimeSpan.FromMilliseconds(500));
        Assert.Equal($"query on {lab.Primary.Address}:{lab.Primary.Port} timed out after 1s", error.Message);
        Assert.True(db.IsBroken);
        await KillLeftoverSleepAsync(lab, db.Server.ConnectionId, ct);
    }

    [Fact(Timeout = 60_000)]
    public async Task SurfacesCancellationAsOperationCanceled()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var db = await LabConnections.OpenPrimaryAsync(lab, ct);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.QueryAsync($"SELECT SLEEP(10)", cancellation.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the cancellation took {watch.Elapsed}");
        Assert.True(db.IsBroken);
        await KillLeftoverSleepAsync(lab, db.Server.ConnectionId, ct);
    }

    [Fact(Timeout = 60_000)]
    public async Task RefusesAnyCallOnABrokenConnection()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var db = await MariaDbConnection.OpenAsync(
            LabConnections.Options(lab, lab.Primary) with { CommandTimeout = TimeSpan.FromMilliseconds(200) }, ct);
        await Assert.ThrowsAsync<MariaDbTimeoutException>(() => db.ExecuteAsync($"DO SLEEP(5)", ct));

        var error = await Assert.ThrowsAsync<MariaDbConnectionException>(() => db.PingAsync(ct));

        Assert.Contains("is broken", error.Message, StringComparison.Ordinal);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        await KillLeftoverSleepAsync(lab, db.Server.ConnectionId, ct);
    }

    private static int UnusedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Closing the socket does not stop a SLEEP on the server; the test cleans up after itself.</summary>
    private static async Task KillLeftoverSleepAsync(LabEnvironment lab, long connectionId, CancellationToken cancellationToken)
    {
        await using var admin = await LabConnections.OpenPrimaryAsync(lab, cancellationToken);
        try
        {
            await admin.ExecuteAsync($"KILL {connectionId}", cancellationToken);
        }
        catch (MariaDbException ex) when (ex.ErrorCode == MariaDbErrorCodes.NoSuchThread)
        {
            // Already gone.
        }
    }
}
