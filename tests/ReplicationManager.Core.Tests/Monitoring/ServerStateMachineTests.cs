using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Monitoring;

/// <summary>Suspect, Failed and back, as the monitor drives them tick by tick, and what the operator reads about it.</summary>
public sealed class ServerStateMachineTests
{
    [Fact]
    public async Task FirstTickShowsEachServerOnceThenQuietTicksLogNothingAboveDebug()
    {
        await using var lab = new LabCluster();

        await lab.TickAsync();

        Assert.Equal(ServerState.Master, lab.Server("127.0.0.11").State);
        Assert.Equal(ServerState.Slave, lab.Server("127.0.0.12").State);
        Assert.Equal(new ServerAddress("127.0.0.11", 3306), lab.Snapshot.PrimaryAddress);
        Assert.Equal(3, lab.Logger.Visible.Count(r => r.EventId.Id == EventIds.ServerFound));
        Assert.Single(lab.Logger.Visible, r => r.EventId.Id == EventIds.PrimaryChanged);
        Assert.Contains("primary 127.0.0.11:3306, replicas 127.0.0.12:3306, 127.0.0.13:3306", lab.Logger.Visible.Single(r => r.EventId.Id == EventIds.PrimaryChanged).Message, StringComparison.Ordinal);
        lab.Logger.Clear();

        await lab.TickAsync();
        await lab.TickAsync();

        Assert.Empty(lab.Logger.Visible);
        Assert.Contains(lab.Logger.Records, r => r.Level == LogLevel.Debug && r.EventId.Id == EventIds.ServerProbed);
        Assert.Equal(3, lab.Snapshot.Tick);
    }

    [Fact]
    public async Task ServerThatStopsAnsweringIsSuspectAtOnceThenFailedAfterTheCounterAndBackWhenItAnswers()
    {
        await using var lab = new LabCluster(failCount: 3);
        await lab.TickAsync();
        lab.Logger.Clear();
        lab.Probes["127.0.0.13"].Next = Readings.Refused();

        var states = new List<(ServerState State, int FailCount)>();
        for (var i = 0; i < 4; i++)
        {
            await lab.TickAsync();
            states.Add((lab.Server("127.0.0.13").State, lab.Server("127.0.0.13").FailCount));
        }
        lab.Probes["127.0.0.13"].Next = Readings.Replica(13, "127.0.0.11");
        await lab.TickAsync();

        Assert.Equal([(ServerState.Suspect, 1), (ServerState.Suspect, 2), (ServerState.Failed, 3), (ServerState.Failed, 4)], states);
        var back = lab.Server("127.0.0.13");
        Assert.Equal((ServerState.Slave, ServerState.Failed, 0), (back.State, back.PreviousState, back.FailCount));
        var changes = lab.Logger.Visible.Where(r => r.EventId.Id == EventIds.ServerStateChanged).Select(r => r.Message).ToList();
        Assert.Equal(
        [
            "Server 127.0.0.13:3306 of lab: Slave -> Suspect (connect refused)",
            "Server 127.0.0.13:3306 of lab: Suspect -> Failed (3 failed probes: connect refused)",
            "Server 127.0.0.13:3306 of lab: Failed -> Slave (replicating from 127.0.0.11:3306)",
        ], changes);
        Assert.Single(lab.Logger.Visible, r => r.EventId.Id == EventIds.TopologyProblemFound && r.Message.Contains("ServerUnreachable", StringComparison.Ordinal));
        Assert.Single(lab.Logger.Visible, r => r.EventId.Id == EventIds.TopologyProblemResolved);
    }

    [Fact]
    public async Task PrimaryThatFailsKeepsItsRoleAsFailedSoThatFailoverSeesIt()
    {
        await using var lab = new LabCluster(failCount: 2);
        await lab.TickAsync();
        lab.Probes["127.0.0.11"].Next = Readings.Refused();
        lab.Probes["127.0.0.12"].Next = Readings.Replica(12, "127.0.0.11", io: "Connecting");
        lab.Probes["127.0.0.13"].Next = Readings.Replica(13, "127.0.0.11", io: "Connecting");

        await lab.TickAsync();
        await lab.TickAsync();

        Assert.Equal(ServerState.Failed, lab.Server("127.0.0.11").State);
        Assert.Equal(new ServerAddress("127.0.0.11", 3306), lab.Snapshot.PrimaryAddress);
        Assert.Contains(lab.Snapshot.Problems, p => p.Code == TopologyProblemCode.PrimaryUnreachable);
        Assert.Equal(ServerState.Slave, lab.Server("127.0.0.12").State);
    }

    [Fact]
    public async Task RefusedCredentialsAreErrorAuthWithoutCountingAsFailures()
    {
        await using var lab = new LabCluster(failCount: 2);
        await lab.TickAsync();
        lab.Probes["127.0.0.12"].Next = Readings.AccessDenied();

        await lab.TickAsync();
        await lab.TickAsync();
        await lab.TickAsync();

        var server = lab.Server("127.0.0.12");
        Assert.Equal((ServerState.ErrorAuth, 0), (server.State, server.FailCount));
        Assert.Single(lab.Logger.Visible, r => r.Message == "Server 127.0.0.12:3306 of lab: Slave -> ErrorAuth (access denied (1045))");
    }

    [Fact]
    public async Task StoppedReplicationIsSlaveErrWithTheErrorAndRecoversToSlave()
    {
        await using var lab = new LabCluster();
        await lab.TickAsync();

        lab.Probes["127.0.0.12"].Next = Readings.Replica(12, "127.0.0.11", sql: "No");
        await lab.TickAsync();
        var broken = lab.Server("127.0.0.12");
        lab.Probes["127.0.0.12"].Next = Readings.Replica(12, "127.0.0.11");
        await lab.TickAsync();

        Assert.Equal(ServerState.SlaveErr, broken.State);
        Assert.Equal(ServerState.Slave, lab.Server("127.0.0.12").State);
        Assert.Single(lab.Logger.Visible, r => r.Message.Contains("Slave -> SlaveErr (SQL thread stopped (1062: Duplicate entry", StringComparison.Ordinal));
        Assert.Single(lab.Logger.Visible, r => r.EventId.Id == EventIds.TopologyProblemFound && r.Message.Contains("ReplicationBroken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MaintenanceSetThroughTheRegistryShowsAtTheNextTick()
    {
        await using var lab = new LabCluster();
        await lab.TickAsync();

        Assert.True(lab.Registry.SetMaintenance("lab", new ServerAddress("127.0.0.13", 3306), true));
        await lab.TickAsync();
        var inMaintenance = lab.Server("127.0.0.13");
        lab.Registry.SetMaintenance("lab", new ServerAddress("127.0.0.13", 3306), false);
        await lab.TickAsync();

        Assert.Equal((ServerState.Maintenance, true), (inMaintenance.State, inMaintenance.IsInMaintenance));
        Assert.Equal(ServerState.Slave, lab.Server("127.0.0.13").State);
        Assert.False(lab.Registry.SetMaintenance("lab", new ServerAddress("10.0.0.1", 3306), true));
    }
}
