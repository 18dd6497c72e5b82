using System.Runtime.Versioning;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Jobs;
using static ReplicationManager.IntegrationTests.Failover.FailoverChecks;

namespace ReplicationManager.IntegrationTests.Failover;

/// <summary>
/// Switchovers on the failover lab (semi-synchronous replication, the real HAProxy in front, repman as a process):
/// under writes through HAProxy, nothing acknowledged is lost and every server ends where it should.
/// </summary>
public sealed class SwitchoverTests
{
    [Fact(Timeout = 300_000)]
    public async Task SwitchoverUnderWritesThroughHaproxyLosesNoAcknowledgedWriteAndRestoresEverything()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await FailoverRig.StartAsync("", ct);
        var (lab, api) = (rig.Lab, rig.Api);
        var (db1, db2, db3) = (lab.Lab.Hosts[0], lab.Lab.Hosts[1], lab.Lab.Hosts[2]);
        var maxConnections = (await SettingsAsync(lab, db1, ct)).MaxConnections;

        var (_, dryRun) = await api.SendAsync(HttpMethod.Get, $"/api/clusters/{FailoverLab.Cluster}/actions/switchover/dry-run", ct);
        Assert.Equal($"{db2.Address}:{db2.Port}", dryRun.GetProperty("candidate").GetString());
        Assert.Equal(0, dryRun.GetProperty("refusals").GetArrayLength());

        await using var load = await WriteLoad.StartAsync(lab.WriteOptions(), ct);
        await WaitForWritesAsync(load, 200, ct);
        var (status, outcome) = await api.SendAsync(HttpMethod.Post, $"/api/clusters/{FailoverLab.Cluster}/actions/switchover", ct);
        Assert.True(status == 200, $"switchover answered {status}: {outcome}");
        Assert.True(outcome.GetProperty("succeeded").GetBoolean(), outcome.ToString());
        await WaitForWritesAsync(load, 200, ct);
        var (acknowledged, errors, longestGap) = await load.StopAsync();
        // Without prefmaster a switchover takes the most advanced replica (replication-manager's electSwitchoverCandidate
        // does too): the dry run above saw both equal and named db2, but under writes db3 may be ahead at the moment.
        var promoted = lab.Lab.Hosts.Single(h => $"{h.Address}:{h.Port}" == outcome.GetProperty("plan").GetProperty("candidate").GetString());
        Assert.NotEqual(db1, promoted);
        var other = promoted == db2 ? db3 : db2;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"switchover to {promoted}: {acknowledged.Count} writes acknowledged, {errors} refused, longest gap {longestGap.TotalMilliseconds:0} ms, repman's steps {outcome.GetProperty("milliseconds").GetDouble():0} ms");

        await WaitForPrimaryAsync(api, promoted, ct);
        await AssertNoAcknowledgedWriteLostAsync(lab, promoted, acknowledged, ct);
        Assert.Equal(promoted.ServerId, await ServerIdThroughHaproxyAsync(lab, ct));
        await WaitReplicatingFromAsync(lab, db1, promoted, ct);
        await WaitReplicatingFromAsync(lab, other, promoted, ct);
        Assert.Equal((true, maxConnections), await SettingsAsync(lab, db1, ct));
        Assert.False((await SettingsAsync(lab, promoted, ct)).ReadOnly);
        Assert.True((await SettingsAsync(lab, other, ct)).ReadOnly);

        // And back to the preferred server named in the request, as replication-manager's prefmaster does, once
        // repman's monitoring reads db1 as a replica again (its IO thread connected).
        await Eventually.WaitUntilAsync("a switchover back to db1 is possible", Deadline, async () =>
        {
            var (_, plan) = await api.SendAsync(HttpMethod.Get, $"/api/clusters/{FailoverLab.Cluster}/actions/switchover/dry-run?prefmaster={db1.Address}:{db1.Port}", ct);
            return (plan.GetProperty("refusals").GetArrayLength() == 0, plan.ToString());
        }, ct);
        (status, outcome) = await api.SendAsync(HttpMethod.Post, $"/api/clusters/{FailoverLab.Cluster}/actions/switchover?prefmaster={db1.Address}:{db1.Port}", ct);
        Assert.True(status == 200, $"switchover back answered {status}: {outcome}");
        await WaitForPrimaryAsync(api, db1, ct);
        await WaitReplicatingFromAsync(lab, promoted, db1, ct);
        await WaitReplicatingFromAsync(lab, other, db1, ct);
        Assert.Equal(db1.ServerId, await ServerIdThroughHaproxyAsync(lab, ct));
        await AssertNoAcknowledgedWriteLostAsync(lab, other, acknowledged, ct);
    }

    [Fact(Timeout = 300_000)]
    public async Task SwitchoverKilledBetweenFreezeAndPromotionLeavesNoServerReadOnlyOrDrainedAfterRestart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await FailoverRig.StartAsync("switchover-wait-trx = 60", ct);
        var lab = rig.Lab;
        var (db1, db2) = (lab.Lab.Hosts[0], lab.Lab.Hosts[1]);
        var maxConnections = (await SettingsAsync(lab, db1, ct)).MaxConnections;
        // db2 applies 20 s late: the switchover to it waits for it with the old primary frozen, long enough to kill repman.
        await using (var replica = await lab.ConnectAsync(db2, ct))
        {
            await replica.ExecuteAsync($"STOP SLAVE", ct);
            await replica.ExecuteAsync($"CHANGE MASTER TO MASTER_DELAY = 20", ct);
            await replica.ExecuteAsync($"START SLAVE", ct);
        }
        await using (var primary = await lab.ConnectAsync(db1, ct))
            await primary.ExecuteAsync($"CREATE DATABASE failover_delay", ct);

        var switchover = rig.Api.SendAsync(HttpMethod.Post, $"/api/clusters/{FailoverLab.Cluster}/actions/switchover?prefmaster={db2.Address}:{db2.Port}", ct);
        await Eventually.WaitUntilAsync("the old primary is frozen (read_only, max_connections lowered)", Deadline, async () =>
        {
            var settings = await SettingsAsync(lab, db1, ct);
            return (settings.ReadOnly && settings.MaxConnections < maxConnections, settings.ToString());
        }, ct);
        await rig.KillRepmanAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => switchover);
        Assert.True((await SettingsAsync(lab, db1, ct)).ReadOnly, "the kill left db1 read-only, as it would in production");

        await rig.StartRepmanAsync(ct);
        await Eventually.WaitUntilAsync("the restarted repman gives db1 its writes and connections back", Deadline, async () =>
        {
            var settings = await SettingsAsync(lab, db1, ct);
            return (!settings.ReadOnly && settings.MaxConnections == maxConnections, settings.ToString());
        }, ct);
        Assert.Contains("interrupted by a stop was repaired", rig.Repman.Output, StringComparison.Ordinal);
        await WaitForPrimaryAsync(rig.Api, db1, ct);
        var (_, history) = await rig.Api.SendAsync(HttpMethod.Get, $"/api/clusters/{FailoverLab.Cluster}/failover", ct);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, history.GetProperty("inProgress").ValueKind);
    }

    [Fact(Timeout = 300_000)]
    [SupportedOSPlatform("linux")]
    public async Task AFailingPreScriptStopsTheSwitchoverAndThePostScriptGetsBothServers()
    {
        var ct = TestContext.Current.CancellationToken;
        var scripts = Directory.CreateTempSubdirectory("repman-failover-scripts-").FullName;
        try
        {
            var pre = Path.Combine(scripts, "pre.sh");
            var post = Path.Combine(scripts, "post.sh");
            var gate = Path.Combine(scripts, "allow");
            var calls = Path.Combine(scripts, "calls");
            await File.WriteAllTextAsync(pre, $"#!/bin/sh\n[ -f {gate} ] || {{ echo 'maintenance window closed' >&2; exit 3; }}\n", ct);
            await File.WriteAllTextAsync(post, $"#!/bin/sh\necho \"$@\" >> {calls}\n", ct);
            File.SetUnixFileMode(pre, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(post, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await using var rig = await FailoverRig.StartAsync($"""
                failover-pre-script = "{pre}"
                failover-post-script = "{post}"
                """, ct);
            var (lab, api) = (rig.Lab, rig.Api);
            var (db1, db2) = (lab.Lab.Hosts[0], lab.Lab.Hosts[1]);

            var (status, refused) = await api.SendAsync(HttpMethod.Post, $"/api/clusters/{FailoverLab.Cluster}/actions/switchover", ct);
            Assert.True(status == 409, $"{status}: {refused}");
            Assert.Equal("PreScript", refused.GetProperty("outcome").GetProperty("failedStep").GetProperty("action").GetString());
            Assert.Contains("maintenance window closed", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.False((await SettingsAsync(lab, db1, ct)).ReadOnly);

            await File.WriteAllTextAsync(gate, "", ct);
            var (ok, outcome) = await api.SendAsync(HttpMethod.Post, $"/api/clusters/{FailoverLab.Cluster}/actions/switchover", ct);
            Assert.True(ok == 200, $"{ok}: {outcome}");
            Assert.Equal($"{db1.Address} {db2.Address} {db1.Port} {db2.Port}", (await File.ReadAllTextAsync(calls, ct)).Trim());
        }
        finally
        {
            Directory.Delete(scripts, recursive: true);
        }
    }
}
