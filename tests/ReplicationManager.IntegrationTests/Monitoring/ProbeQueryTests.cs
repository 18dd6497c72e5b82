using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Monitoring;

/// <summary>The probe's batch against a real replica: both ways of reading variables give the same values.</summary>
public sealed class ProbeQueryTests
{
    [Fact(Timeout = 60_000)]
    public async Task VariablesReadThroughAtAtAndByNameAreTheSame()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var replica = lab.Replicas[0];
        await using var connection = await LabConnections.OpenAsync(lab, replica, ct);

        var fast = await ProbeQuery.ReadAsync(connection, replica.Port, variablesByName: false, readReplicaHosts: true, null, ct);
        var byName = await ProbeQuery.ReadAsync(connection, replica.Port, variablesByName: true, readReplicaHosts: true, null, ct);

        // Positions move between the two reads on a busy lab; everything else must be identical.
        string[] moving = ["GTID_BINLOG_POS", "GTID_BINLOG_STATE", "GTID_CURRENT_POS", "GTID_SLAVE_POS"];
        Assert.Equal(byName.Variables.Keys.Order(), fast.Variables.Keys.Order());
        Assert.All(byName.Variables.Where(v => !moving.Contains(v.Key)), v => Assert.Equal((v.Key, v.Value), (v.Key, fast.Variables[v.Key])));
        Assert.Equal("ON", fast.Variables["LOG_BIN"]);
        Assert.Equal(lab.Primary.Address, Assert.Single(fast.Channels).MasterHost);
        Assert.Empty(fast.ReplicaHosts!);
        Assert.True(fast.Status.ContainsKey("THREADS_CONNECTED"));
    }

    [Fact(Timeout = 60_000)]
    public async Task TheBinaryLogPositionReadAsStatusIsShowMasterStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var connection = await LabConnections.OpenAsync(lab, lab.Primary, ct);
        await connection.ExecuteAsync($"FLUSH BINARY LOGS", ct);

        // Writes may land between the reads: compare when SHOW MASTER STATUS did not move around the probe.
        for (var attempt = 0; ; attempt++)
        {
            var before = await MasterStatusAsync(connection, ct);
            var reading = await ProbeQuery.ReadAsync(connection, lab.Primary.Port, variablesByName: false, readReplicaHosts: false, null, ct);
            if (before == await MasterStatusAsync(connection, ct) || attempt == 20)
            {
                Assert.Equal(before, reading.BinlogPosition);
                return;
            }
        }
    }

    private static async Task<BinlogPosition> MasterStatusAsync(MariaDbConnection connection, CancellationToken ct)
    {
        var row = Assert.Single(await connection.QueryAsync($"SHOW MASTER STATUS", ct));
        return new BinlogPosition(row[0].GetString(), row[1].GetInt64());
    }
}
