using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Core.Failover;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.MariaDb;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Failover;

/// <summary>
/// The failover's look at the primary through its extra port, on the test lab's primary: one that takes a write
/// there vetoes the failover; one that answers but cannot write (a read lock held) does not.
/// </summary>
public sealed class FalsePositiveCheckTests
{
    [Fact(Timeout = 120_000)]
    public async Task APrimaryThatWritesOnItsExtraPortVetoesAndOneThatCannotWriteDoesNot()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var primary = lab.Primary;
        var options = ClusterOf(lab);
        var check = new FalsePositiveCheck(options, TimeProvider.System);
        var snapshot = new ServerSnapshot { Address = new ServerAddress(primary.Address, primary.Port), State = ServerState.Failed, ExtraPort = primary.ExtraPort };

        var (veto, note) = await check.ExtraPortEvidenceAsync(snapshot, ct);
        Assert.Equal(($"it answers on its extra_port {primary.ExtraPort} and takes writes", null), (veto, note));

        await using (var locker = await LabConnections.OpenAsync(lab, primary, ct))
        {
            await locker.ExecuteAsync($"FLUSH TABLES WITH READ LOCK", ct);
            (veto, note) = await check.ExtraPortEvidenceAsync(snapshot, ct);
            await locker.ExecuteAsync($"UNLOCK TABLES", ct);
        }
        Assert.Null(veto);
        Assert.StartsWith($"it answers on its extra_port {primary.ExtraPort} but cannot write", note, StringComparison.Ordinal);

        var closed = snapshot with { ExtraPort = 1 };
        Assert.Equal((null, null), await check.ExtraPortEvidenceAsync(closed, ct));

        // The check's table lives on the primary only (written without binary log); the lab is left as it was.
        await using var cleanup = await LabConnections.OpenAsync(lab, primary, ct);
        await cleanup.ExecuteAsync($"SET SESSION sql_log_bin = 0", ct);
        await cleanup.ExecuteAsync($"DROP TABLE IF EXISTS replication_manager_schema.failover_check", ct);
    }

    private static ClusterOptions ClusterOf(LabEnvironment lab)
    {
        using var config = new RepmanTestConfig($"""
            [lab]
            db-servers-hosts = "{lab.Primary.Address}:{lab.Primary.Port}"
            db-servers-credential = "{lab.RepmanUser}:{lab.RepmanPassword}"
            monitoring-query-timeout = 1000
            """);
        return ConfigurationLoader.Load(config.ConfigPath).Options.Clusters[0];
    }
}
