using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Monitoring;

/// <summary>
/// A replica whose main port refuses with 1040 (max_connections lowered to 10 and every slot taken) is monitored
/// through its extra port, and back through the main port once connections are free again.
/// </summary>
public sealed class ExtraPortTests
{
    private const string LoadUser = "repman_load";
    private const string LoadPassword = "load-lab-Pa55";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 120_000)]
    public async Task SaturatedReplicaIsMonitoredThroughTheExtraPortThenTheMainPortAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await lab.RunLabAsync(ct, "up");
        var host = lab.Replicas[0];
        var address = new ServerAddress(host.Address, host.Port);
        await using var monitored = MonitoredLab.Start(lab, ct);
        await monitored.WaitUntilAsync(s => s.Find(address) is { State: ServerState.Slave, UsesExtraPort: false }, "replica running", Deadline, ct);
        await using var extra = await MariaDbConnection.OpenAsync(LabConnections.Options(lab, host) with { Port = host.ExtraPort }, ct);
        var maxConnections = await extra.QueryScalarAsync<long>($"SELECT @@GLOBAL.max_connections", ct);
        var held = new List<MariaDbConnection>();
        try
        {
            await CreateLoadUserAsync(lab, host, ct);
            await extra.ExecuteAsync($"SET GLOBAL max_connections = 10", ct);
            var refusedUser = await FillAsync(held, LabConnections.Options(lab, host) with { User = LoadUser, Password = LoadPassword }, ct);
            var refusedAdmin = await FillAsync(held, LabConnections.Options(lab, host), ct);
            Assert.Equal((MariaDbErrorCodes.TooManyConnections, MariaDbErrorCodes.TooManyConnections), (refusedUser.ErrorCode, refusedAdmin.ErrorCode));
            var saturated = await MoveMonitoringToTheExtraPortAsync(monitored, address, extra, held, LabConnections.Options(lab, host), ct);

            Assert.Equal(host.ExtraPort, saturated.Find(address)!.MonitoringPort);
            Assert.Contains("too many connections (1040)", saturated.Find(address)!.ExtraPortReason, StringComparison.Ordinal);
            Assert.Equal(
                [$"Server {address} of lab: monitoring through extra_port {host.ExtraPort}: too many connections (1040) on port {host.Port}"],
                monitored.Logs.Messages(EventIds.ExtraPortEntered));
        }
        finally
        {
            foreach (var connection in held)
                await connection.DisposeAsync();
            await extra.ExecuteAsync($"SET GLOBAL max_connections = {maxConnections}", CancellationToken.None);
        }

        var back = await monitored.WaitUntilAsync(s => s.Find(address) is { UsesExtraPort: false, State: ServerState.Slave }, "back on the main port", Deadline, ct);
        Assert.Equal(host.Port, back.Find(address)!.MonitoringPort);
        Assert.Single(monitored.Logs.Messages(EventIds.ExtraPortLeft));
        Assert.DoesNotContain(monitored.Logs.Messages(EventIds.ServerStateChanged), m => m.Contains(address.ToString(), StringComparison.Ordinal));
        await DropLoadUserAsync(lab, ct);
    }

    /// <summary>
    /// Kills the monitor's connection to the main port (made before the saturation) and takes the slot it frees before the
    /// monitor's next tick can; tried again in the rare case that the monitor was faster.
    /// </summary>
    private static async Task<Core.Topology.ClusterSnapshot> MoveMonitoringToTheExtraPortAsync(MonitoredLab monitored, ServerAddress address,
        MariaDbConnection extra, List<MariaDbConnection> held, MariaDbConnectOptions admin, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await KillMonitoringConnectionsAsync(extra, held, admin.User, ct);
            await FillAsync(held, admin, ct);
            try
            {
                return await monitored.WaitUntilAsync(
                    s => s.Find(address) is { UsesExtraPort: true, State: ServerState.Slave }, "monitored through the extra port", TimeSpan.FromSeconds(5), ct);
            }
            catch (Exception) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>Opens connections until the server refuses one; returns the refusal.</summary>
    private static async Task<MariaDbException> FillAsync(List<MariaDbConnection> held, MariaDbConnectOptions options, CancellationToken ct)
    {
        for (var i = 0; i < 40; i++)
        {
            try
            {
                held.Add(await MariaDbConnection.OpenAsync(options, ct));
            }
            catch (MariaDbException ex) when (ex.ErrorCode == MariaDbErrorCodes.TooManyConnections)
            {
                return ex;
            }
        }
        throw new InvalidOperationException($"{options.Host}:{options.Port} still accepts {options.User} after 40 connections");
    }

    // The monitor holds one connection to the main port from before the saturation: killing it makes it reconnect.
    private static async Task KillMonitoringConnectionsAsync(MariaDbConnection extra, List<MariaDbConnection> held, string user, CancellationToken ct)
    {
        var ours = held.Select(c => c.Server.ConnectionId).Append(extra.Server.ConnectionId).ToHashSet();
        var rows = await extra.QueryAsync($"SELECT ID FROM information_schema.PROCESSLIST WHERE USER = {user} AND COMMAND <> 'Binlog Dump'", ct);
        foreach (var id in rows.Select(r => r[0].GetInt64()).Where(id => !ours.Contains(id)))
        {
            try
            {
                await extra.ExecuteAsync($"KILL CONNECTION {id}", ct);
            }
            catch (MariaDbException ex) when (ex.ErrorCode == MariaDbErrorCodes.NoSuchThread)
            {
                // It closed by itself in the meantime.
            }
        }
    }

    // Accounts replicate: created on the primary (never on a replica), the user reaches the replica by replication.
    private static async Task CreateLoadUserAsync(LabEnvironment lab, LabHost replica, CancellationToken ct)
    {
        await using (var primary = await LabConnections.OpenPrimaryAsync(lab, ct))
            await primary.ExecuteAsync($"CREATE USER IF NOT EXISTS {LoadUser}@'%' IDENTIFIED BY {LoadPassword}", ct);
        await using var db = await LabConnections.OpenAsync(lab, replica, ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Deadline);
        while (await db.QueryScalarAsync<long>($"SELECT COUNT(*) FROM mysql.user WHERE User = {LoadUser}", timeout.Token) == 0)
            await Task.Delay(100, timeout.Token);
    }

    private static async Task DropLoadUserAsync(LabEnvironment lab, CancellationToken ct)
    {
        await using var primary = await LabConnections.OpenPrimaryAsync(lab, ct);
        await primary.ExecuteAsync($"DROP USER IF EXISTS {LoadUser}@'%'", ct);
    }
}
