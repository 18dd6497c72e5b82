using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Api;

public sealed class ProxyChecksTests
{
    private static readonly ClusterCheckContext Active = new(IsActive: true, IsInFailover: false, ReadOnMaster: false);

    [Fact]
    public void AStandbyRepmanValidatesNothing()
    {
        var cluster = LabSnapshots.Healthy();
        var standby = Active with { IsActive = false };
        Assert.False(ProxyChecks.IsValidPrimary(cluster, cluster.Servers[0], standby));
        Assert.False(ProxyChecks.IsValidReplica(cluster, cluster.Servers[1], standby));
    }

    [Fact]
    public void NoPrimaryIsValidDuringAFailover()
    {
        var cluster = LabSnapshots.Healthy();
        Assert.True(ProxyChecks.IsValidPrimary(cluster, cluster.Servers[0], Active));
        Assert.False(ProxyChecks.IsValidPrimary(cluster, cluster.Servers[0], Active with { IsInFailover = true }));
    }

    [Fact]
    public void ReadOnMasterMakesThePrimaryAValidReplica()
    {
        var cluster = LabSnapshots.Healthy();
        Assert.False(ProxyChecks.IsValidReplica(cluster, cluster.Servers[0], Active));
        Assert.True(ProxyChecks.IsValidReplica(cluster, cluster.Servers[0], Active with { ReadOnMaster = true }));
    }

    [Theory]
    [InlineData("Yes", "Yes", true, false)]
    [InlineData("Connecting", "Yes", true, false)]
    [InlineData("No", "Yes", true, true)]
    [InlineData("No", "Yes", false, false)]
    [InlineData("Yes", "No", true, true)]
    [InlineData("Yes", "No", false, true)]
    [InlineData("No", "No", true, true)]
    [InlineData("No", "No", false, false)]
    public void ReplicationIssuesFollowReplicationManager(string io, string sql, bool hasPrimary, bool issue)
    {
        var cluster = LabSnapshots.Healthy() with { PrimaryAddress = hasPrimary ? LabSnapshots.Primary : null };
        var replica = LabSnapshots.ReplicaServer(LabSnapshots.Replica2, 12) with { ReplicationChannels = [LabSnapshots.Channel(io, sql, lag: null)] };
        Assert.Equal(issue, ProxyChecks.HasReplicationIssue(cluster, replica));
    }
}
