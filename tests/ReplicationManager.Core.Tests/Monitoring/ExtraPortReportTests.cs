using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Monitoring;

/// <summary>Monitoring through the extra port is shown in the snapshot and said once when it starts and once when it ends.</summary>
public sealed class ExtraPortReportTests
{
    [Fact]
    public async Task MoveToTheExtraPortAndBackIsLoggedOnceEach()
    {
        await using var lab = new LabCluster();
        await lab.TickAsync();
        lab.Logger.Clear();

        lab.Probes["127.0.0.12"].Next = Readings.Replica(12, "127.0.0.11", port: 3307, extraPortReason: "too many connections (1040) on port 3306");
        await lab.TickAsync();
        await lab.TickAsync();
        var saturated = lab.Server("127.0.0.12");
        lab.Probes["127.0.0.12"].Next = Readings.Replica(12, "127.0.0.11");
        await lab.TickAsync();
        await lab.TickAsync();

        Assert.True(saturated.UsesExtraPort);
        Assert.Equal((3307, ServerState.Slave), (saturated.MonitoringPort, saturated.State));
        Assert.False(lab.Server("127.0.0.12").UsesExtraPort);
        Assert.Equal(
        [
            "Server 127.0.0.12:3306 of lab: monitoring through extra_port 3307: too many connections (1040) on port 3306",
            "Server 127.0.0.12:3306 of lab: main port accepts again, monitoring through 3306 (left extra_port)",
        ], lab.Logger.Visible.Select(r => r.Message));
        Assert.Equal([EventIds.ExtraPortEntered, EventIds.ExtraPortLeft], lab.Logger.Visible.Select(r => r.EventId.Id));
    }
}
