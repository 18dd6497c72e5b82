using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Lab;

namespace ReplicationManager.IntegrationTests.Monitoring;

/// <summary>A lab host killed and started again: Suspect, Failed, then its role back.</summary>
public sealed class FailedServerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task KilledReplicaIsSuspectThenFailedAndStartedAgainIsSlave()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await lab.RunLabAsync(ct, "up");
        var host = lab.Replicas[^1];
        var address = new ServerAddress(host.Address, host.Port);
        await using var monitored = MonitoredLab.Start(lab, ct, failCount: 3);
        await monitored.WaitUntilAsync(s => s.Find(address)!.State == ServerState.Slave, "replica running", Deadline, ct);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var changes = Collect(monitored.Registry.WatchStateChangesAsync(watching.Token), address);

        try
        {
            await lab.RunLabAsync(ct, "kill", host.Name);
            var failed = await monitored.WaitUntilAsync(s => s.Find(address)!.State == ServerState.Failed, "Failed", Deadline, ct);
            // A polled snapshot may be a tick later than the one that turned the server Failed (on a loaded machine):
            // the change event below says at which count it turned.
            Assert.True(failed.Find(address)!.FailCount >= 3, $"Failed at fail count {failed.Find(address)!.FailCount}");
            Assert.Contains(failed.Problems, p => p.Code == TopologyProblemCode.ServerUnreachable && p.Server == address);
        }
        finally
        {
            await LabRecovery.StartAndWaitForReplicationAsync(lab, host);
        }

        await monitored.WaitUntilAsync(s => s.Find(address)!.State == ServerState.Slave && s.Find(address)!.Replication!.IsIoRunning,
            "Slave again, IO running", Deadline, ct);
        await watching.CancelAsync();
        var seen = (await changes).Select(c => (c.Previous, c.Current)).ToList();
        Assert.Equal([(ServerState.Slave, ServerState.Suspect), (ServerState.Suspect, ServerState.Failed)], seen.Take(2));
        Assert.StartsWith("3 failed probes: ", (await changes)[1].Reason, StringComparison.Ordinal);
        // Back from Failed to Slave, possibly through SlaveErr if a probe lands before the replication threads start.
        Assert.Equal(ServerState.Failed, seen[2].Previous);
        Assert.Equal(ServerState.Slave, seen[^1].Current);
        Assert.Equal(lab.Primary.Address, monitored.Snapshot.PrimaryAddress!.Host);
    }

    private static async Task<List<ServerStateChange>> Collect(IAsyncEnumerable<ServerStateChange> changes, ServerAddress server)
    {
        var collected = new List<ServerStateChange>();
        try
        {
            await foreach (var change in changes)
            {
                if (change.Server == server)
                    collected.Add(change);
            }
        }
        catch (OperationCanceledException)
        {
        }
        return collected;
    }
}
