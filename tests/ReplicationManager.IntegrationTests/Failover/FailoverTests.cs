using System.Diagnostics;
using ReplicationManager.IntegrationTests.Api;
using ReplicationManager.IntegrationTests.Jobs;
using static ReplicationManager.IntegrationTests.Failover.FailoverChecks;

namespace ReplicationManager.IntegrationTests.Failover;

/// <summary>
/// Automatic failovers on the failover lab (semi-synchronous replication, the real HAProxy in front): the primary
/// killed, or hung; writes through HAProxy resume on the new primary with no acknowledged write lost, and the old
/// primary rejoins when it comes back.
/// </summary>
public sealed class FailoverTests
{
    private const string Automatic = "failover-mode = \"automatic\"";

    [Fact(Timeout = 300_000)]
    public async Task KilledPrimaryIsReplacedWritesResumeThroughHaproxyAndItRejoinsWhenRestarted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await FailoverRig.StartAsync(Automatic, ct);
        var (lab, api) = (rig.Lab, rig.Api);
        var (db1, db2, db3) = (lab.Lab.Hosts[0], lab.Lab.Hosts[1], lab.Lab.Hosts[2]);

        await using var load = await WriteLoad.StartAsync(lab.WriteOptions(), ct);
        await WaitForWritesAsync(load, 300, ct);
        var killedAt = Stopwatch.StartNew();
        await lab.RunLabAsync(ct, "kill", db1.Name);
        await WaitForWritesAsync(load, 300, ct);
        var (acknowledged, errors, longestGap) = await load.StopAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"failover after kill -9: {acknowledged.Count} writes acknowledged, {errors} refused, writes stopped for {longestGap.TotalMilliseconds:0} ms (ticker 1 s, Failed after 2 failed probes); 300 more writes {killedAt.ElapsedMilliseconds} ms after the kill");

        var primary = await NewPrimaryAsync(api, lab, ct);
        var other = primary == db2 ? db3 : db2;
        await AssertNoAcknowledgedWriteLostAsync(lab, primary, acknowledged, ct);
        Assert.Equal(primary.ServerId, await ServerIdThroughHaproxyAsync(lab, ct));
        await WaitReplicatingFromAsync(lab, other, primary, ct);
        var (_, history) = await api.SendAsync(HttpMethod.Get, $"/api/clusters/{FailoverLab.Cluster}/failover", ct);
        Assert.Equal(1, history.GetProperty("failovers").GetInt32());

        await lab.RunLabAsync(ct, "start", db1.Name);
        // It rejoins; or, when the kill left a transaction in its binary log that no replica received (written, not
        // acknowledged), it is fenced read-only with those GTIDs named, as an operator must then reseed it.
        var fenced = $"{db1.Address}:{db1.Port} cannot rejoin {primary.Address}:{primary.Port}: it holds transactions the new primary lacks";
        await Eventually.WaitUntilAsync($"{db1} rejoins or is fenced with its errant GTIDs named", Deadline, async () =>
        {
            if (rig.Repman.Output.Contains(fenced, StringComparison.Ordinal))
                return (true, "fenced");
            await using var connection = await lab.ConnectAsync(db1, ct, db1.ExtraPort);
            var rows = await connection.QueryAsync($"SHOW SLAVE STATUS", ct);
            var joined = rows.Count == 1 && rows[0]["Master_Host"].GetString() == primary.Address && rows[0]["Slave_SQL_Running"].GetString() == "Yes";
            var log = string.Join('\n', rig.Repman.Output.Split('\n').Where(l => l.Contains(db1.Address, StringComparison.Ordinal) && l.Contains("FailoverCoordinator", StringComparison.Ordinal)));
            return (joined, $"{rows.Count} replication row(s); repman: {log}");
        }, ct);
        Assert.True((await SettingsAsync(lab, db1, ct)).ReadOnly);
        if (!rig.Repman.Output.Contains(fenced, StringComparison.Ordinal))
        {
            await WaitReplicatingFromAsync(lab, db1, primary, ct);
            await WaitCaughtUpAsync(lab, db1, primary, ct);
            await AssertNoAcknowledgedWriteLostAsync(lab, db1, acknowledged, ct);
            Assert.Contains("rejoined as a replica", rig.Repman.Output, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task HungPrimaryIsReplacedOnceItsReplicasStopHearingFromIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await FailoverRig.StartAsync(Automatic, ct);
        var (lab, api) = (rig.Lab, rig.Api);
        var db1 = lab.Lab.Hosts[0];

        await using var load = await WriteLoad.StartAsync(lab.WriteOptions(), ct);
        await WaitForWritesAsync(load, 300, ct);
        var pid = FailoverLab.ServerPid(db1);
        var stoppedAt = Stopwatch.StartNew();
        await SignalAsync("-STOP", pid, ct);
        try
        {
            await WaitForWritesAsync(load, 300, ct);
            var (acknowledged, errors, longestGap) = await load.StopAsync();
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"failover after SIGSTOP: {acknowledged.Count} writes acknowledged, {errors} refused, writes stopped for {longestGap.TotalMilliseconds:0} ms (connect timeout 1 s, heartbeat check 3 s); 300 more writes {stoppedAt.ElapsedMilliseconds} ms after the stop");
            var primary = await NewPrimaryAsync(api, lab, ct);
            await AssertNoAcknowledgedWriteLostAsync(lab, primary, acknowledged, ct);
            Assert.Contains("connected IO threads received nothing", rig.Repman.Output, StringComparison.Ordinal);

            // Resumed, the old primary must not stay a writable second primary: it is fenced and rejoins (or, with a
            // transaction it committed alone, is fenced and named).
            await SignalAsync("-CONT", pid, ct);
            await Eventually.WaitUntilAsync("the resumed old primary is read-only", Deadline, async () =>
            {
                var settings = await SettingsAsync(lab, db1, ct);
                return (settings.ReadOnly, settings.ToString());
            }, ct);
            Assert.Equal(primary.ServerId, await ServerIdThroughHaproxyAsync(lab, ct));
        }
        finally
        {
            await SignalAsync("-CONT", pid, CancellationToken.None);
        }
    }

    private static async Task<Lab.LabHost> NewPrimaryAsync(RepmanApiClient api, FailoverLab lab, CancellationToken ct)
    {
        Lab.LabHost? found = null;
        await Eventually.WaitUntilAsync("repman names a new primary", Deadline, async () =>
        {
            var (status, body) = await api.SendAsync(HttpMethod.Get, $"/api/clusters/{FailoverLab.Cluster}/topology/master", ct);
            var url = status == 200 && body.ValueKind == System.Text.Json.JsonValueKind.Object ? body.GetProperty("url").GetString() : null;
            found = lab.Lab.Hosts.Skip(1).FirstOrDefault(h => $"{h.Address}:{h.Port}" == url);
            return (found is not null, $"{status} {url}");
        }, ct);
        return found!;
    }

    private static async Task SignalAsync(string signal, int pid, CancellationToken ct)
    {
        using var kill = Process.Start("kill", [signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(ct);
    }
}
