using System.Text.Json;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Jobs;
using static ReplicationManager.IntegrationTests.Failover.FailoverChecks;

namespace ReplicationManager.IntegrationTests.Failover;

/// <summary>
/// The rolling restart on the failover lab: the job script restarts each replica over SSH, each back in sync before
/// the next, then a switchover and the old primary; writes through HAProxy lose nothing acknowledged.
/// </summary>
public sealed class RollingRestartTests
{
    [Fact(Timeout = 300_000)]
    public async Task EveryServerIsRestartedOneAtATimeAndTheClusterEndsInSyncOnANewPrimary()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await FailoverRig.StartAsync($"""
            scheduler-jobs-mode = "api"
            monitoring-address = "127.0.0.1"
            {FailoverLab.SshSettings}
            """, ct);
        var (lab, api) = (rig.Lab, rig.Api);
        var (db1, db2, db3) = (lab.Lab.Hosts[0], lab.Lab.Hosts[1], lab.Lab.Hosts[2]);
        var uptimes = new Dictionary<string, long>();
        foreach (var host in lab.Lab.Hosts)
            uptimes[host.Name] = await UptimeAsync(lab, host, ct);

        await using var load = await WriteLoad.StartAsync(lab.WriteOptions(), ct);
        await WaitForWritesAsync(load, 100, ct);
        (int Status, JsonElement Body) started = default;
        await Eventually.WaitUntilAsync("the jobs engine takes the rolling restart", Deadline, async () =>
        {
            started = await api.SendAsync(HttpMethod.Post, $"/api/clusters/{FailoverLab.Cluster}/actions/rolling", ct);
            return (started.Status == 202, started.Body.ToString());
        }, ct);
        JsonElement status = default;
        await Eventually.WaitUntilAsync("the rolling restart ends", TimeSpan.FromMinutes(4), async () =>
        {
            (_, status) = await api.SendAsync(HttpMethod.Get, $"/api/clusters/{FailoverLab.Cluster}/rolling", ct);
            return (!status.GetProperty("running").GetBoolean(), status.ToString());
        }, ct);
        var (acknowledged, errors, longestGap) = await load.StopAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"rolling restart: {acknowledged.Count} writes acknowledged, {errors} refused, longest gap {longestGap.TotalMilliseconds:0} ms; {status}");

        Assert.False(status.TryGetProperty("error", out var error), error.ToString());
        var steps = status.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()).ToList();
        Assert.Equal(
        [
            $"restart {db2.Address}:{db2.Port}", $"wait until {db2.Address}:{db2.Port} is in sync",
            $"restart {db3.Address}:{db3.Port}", $"wait until {db3.Address}:{db3.Port} is in sync",
            "switchover",
            $"restart {db1.Address}:{db1.Port}", $"wait until {db1.Address}:{db1.Port} is in sync",
        ], steps);
        foreach (var host in lab.Lab.Hosts)
            Assert.True(await UptimeAsync(lab, host, ct) < uptimes[host.Name] + 60, $"{host} was not restarted");
        // The switchover took whichever replica was the most advanced at that moment.
        var switchover = status.GetProperty("steps")[4].GetProperty("outcome").GetString()!;
        var primary = new[] { db2, db3 }.Single(h => switchover.StartsWith($"{h.Address}:{h.Port} ", StringComparison.Ordinal));
        await WaitForPrimaryAsync(api, primary, ct);
        foreach (var replica in lab.Lab.Hosts.Where(h => h != primary))
            await WaitReplicatingFromAsync(lab, replica, primary, ct);
        await AssertNoAcknowledgedWriteLostAsync(lab, primary, acknowledged, ct);
    }

    private static async Task<long> UptimeAsync(FailoverLab lab, Lab.LabHost host, CancellationToken ct)
    {
        await using var connection = await lab.ConnectAsync(host, ct, host.ExtraPort);
        return await connection.QueryScalarAsync<long>($"SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'UPTIME'", ct);
    }
}
