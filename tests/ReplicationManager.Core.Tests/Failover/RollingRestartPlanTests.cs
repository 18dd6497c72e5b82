using ReplicationManager.Core.Failover;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Failover;

/// <summary>The rolling restart's order and refusals (pure).</summary>
public sealed class RollingRestartPlanTests
{
    private static readonly ServerAddress Db1 = new("127.0.0.11", 3306);
    private static readonly ServerAddress Db2 = new("127.0.0.12", 3306);
    private static readonly ServerAddress Db3 = new("127.0.0.13", 3306);

    [Fact]
    public void EveryReplicaInConfigurationOrderWhenAllAreInSync()
    {
        var (replicas, refusals) = RollingRestartPlan.For(Cluster(ServerState.Slave, ServerState.Slave), FailoverHistory.None);

        Assert.Empty(refusals);
        Assert.Equal([Db2, Db3], replicas);
    }

    [Theory]
    [InlineData(ServerState.SlaveLate)]
    [InlineData(ServerState.SlaveErr)]
    [InlineData(ServerState.Failed)]
    public void RefusedWhileAReplicaIsNotInSync(ServerState state)
    {
        var (replicas, refusals) = RollingRestartPlan.For(Cluster(ServerState.Slave, state), FailoverHistory.None);

        Assert.Empty(replicas);
        var refusal = Assert.Single(refusals);
        Assert.Equal(("replica-not-in-sync", Db3), (refusal.Code, refusal.Server));
        Assert.Contains(state.ToString(), refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusedWithoutAnAnsweringPrimaryOrDuringAChange()
    {
        var failed = Cluster(ServerState.Slave, ServerState.Slave) with { Servers = [Server(Db1, ServerState.Failed), Server(Db2, ServerState.Slave), Server(Db3, ServerState.Slave)] };
        Assert.Equal("no-primary", Assert.Single(RollingRestartPlan.For(failed, FailoverHistory.None).Refusals).Code);

        var changing = new FailoverHistory(InProgress: new PrimaryChangeInProgress(PrimaryChangeKind.Switchover, Db1, Db2, 151, DateTimeOffset.UnixEpoch));
        Assert.Equal("in-progress", Assert.Single(RollingRestartPlan.For(Cluster(ServerState.Slave, ServerState.Slave), changing).Refusals).Code);
    }

    private static ClusterSnapshot Cluster(ServerState db2, ServerState db3) => new()
    {
        Name = "lab",
        PrimaryAddress = Db1,
        Servers = [Server(Db1, ServerState.Master), Server(Db2, db2), Server(Db3, db3)],
    };

    private static ServerSnapshot Server(ServerAddress address, ServerState state) => new() { Address = address, State = state };
}
