using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.MariaDb;

namespace ReplicationManager.IntegrationTests.Monitoring;

/// <summary>Monitoring the real lab: roles, broken and restored replication.</summary>
public sealed class LabTopologyTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 60_000)]
    public async Task FindsThePrimaryAndItsTwoReplicas()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await lab.RunLabAsync(ct, "up");
        await using var monitored = MonitoredLab.Start(lab, ct);

        var snapshot = await monitored.WaitUntilAsync(
            s => s.Servers.All(server => server.IsReachable) && s.Problems.Count == 0, "healthy", Deadline, ct);

        Assert.Equal(new ServerAddress(lab.Primary.Address, lab.Primary.Port), snapshot.PrimaryAddress);
        Assert.Equal(lab.Replicas.Select(r => new ServerAddress(r.Address, r.Port)), snapshot.Replicas);
        var primary = monitored.Server(lab.Primary);
        Assert.Equal(ServerState.Master, primary.State);
        Assert.Equal((ServerFlavor.MariaDb, (long?)lab.Primary.ServerId), (primary.Flavor, primary.ServerId));
        Assert.StartsWith("10.", primary.VersionString, StringComparison.Ordinal);
        Assert.Equal(lab.Primary.ExtraPort, primary.ExtraPort);
        // A fresh lab's primary has written nothing yet, and then has no GTID position: compare with the server's own.
        await using (var db = await LabConnections.OpenPrimaryAsync(lab, ct))
            Assert.Equal(GtidList.ParseOrEmpty(await db.QueryScalarAsync<string>($"SELECT @@gtid_binlog_pos", ct)), primary.GtidBinlogPos);
        Assert.NotNull(primary.BinlogPosition);
        Assert.Equal(lab.Replicas.Select(r => (long)r.ServerId).Order(), primary.ReplicaHosts.Select(h => h.ServerId).Order());
        foreach (var host in lab.Replicas)
        {
            var replica = monitored.Server(host);
            Assert.Equal(ServerState.Slave, replica.State);
            Assert.Equal((lab.Primary.Address, "Yes", "Yes"), (replica.Replication!.MasterHost, replica.Replication.SlaveIoRunning, replica.Replication.SlaveSqlRunning));
            Assert.Equal("Slave_Pos", replica.Replication.UsingGtid);
            Assert.True(replica.Replication.Columns.Count > 50);
            Assert.Equal(host.Port, replica.MonitoringPort);
        }
        Assert.Equal(3, monitored.Logs.Messages(EventIds.ServerFound).Count);
    }

    [Fact(Timeout = 90_000)]
    public async Task StoppedSqlThreadIsSlaveErrAndStartingItRestoresSlave()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await lab.RunLabAsync(ct, "up");
        var replica = lab.Replicas[0];
        var address = new ServerAddress(replica.Address, replica.Port);
        await using var monitored = MonitoredLab.Start(lab, ct);
        await monitored.WaitUntilAsync(s => s.Find(address)!.State == ServerState.Slave, "replica running", Deadline, ct);
        await using var db = await LabConnections.OpenAsync(lab, replica, ct);

        try
        {
            await db.ExecuteAsync($"STOP SLAVE SQL_THREAD", ct);
            var broken = await monitored.WaitUntilAsync(s => s.Find(address)!.State == ServerState.SlaveErr, "SlaveErr", Deadline, ct);

            var problem = Assert.Single(broken.Problems, p => p.Server == address);
            Assert.Equal(TopologyProblemCode.ReplicationBroken, problem.Code);
            Assert.Contains("SQL thread stopped", problem.Message, StringComparison.Ordinal);
            Assert.Contains(monitored.Logs.Messages(EventIds.ServerStateChanged), m => m.Contains($"{address} of lab: Slave -> SlaveErr (SQL thread stopped", StringComparison.Ordinal));
        }
        finally
        {
            await db.ExecuteAsync($"START SLAVE SQL_THREAD", CancellationToken.None);
        }

        var restored = await monitored.WaitUntilAsync(s => s.Find(address)!.State == ServerState.Slave, "Slave again", Deadline, ct);
        Assert.DoesNotContain(restored.Problems, p => p.Server == address);
        Assert.Single(monitored.Logs.Messages(EventIds.ServerStateChanged), m => m.Contains("SlaveErr -> Slave", StringComparison.Ordinal));
    }
}
