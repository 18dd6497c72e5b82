using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.MariaDb;

namespace ReplicationManager.IntegrationTests.Monitoring;

/// <summary>
/// Between two full readings a tick reads only what topology and failover decide on: a stopped replica, a changed
/// read_only and a new GTID are each seen at the very next tick; the status values wait for the next full reading.
/// Ticks are driven one by one on a clock that moves only when the test says.
/// </summary>
public sealed class EveryTickTests
{
    [Fact(Timeout = 90_000)]
    public async Task AStoppedReplicaAChangedReadOnlyAndANewGtidAreSeenAtTheNextTick()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await lab.RunLabAsync(ct, "up");
        var (stopped, flipped) = (lab.Replicas[0], lab.Replicas[1]);
        var options = MonitoredLab.LabOptions(lab, "/tmp/repman-unused", failCount: 3);
        var registry = new ClusterRegistry(options);
        var clock = new HeldClock();
        await using var monitor = ClusterMonitor.Create(options.Clusters[0], registry, null, clock, NullLoggerFactory.Instance);
        await using var primary = await LabConnections.OpenPrimaryAsync(lab, ct);
        await using var stoppedDb = await LabConnections.OpenAsync(lab, stopped, ct);
        await using var flippedDb = await LabConnections.OpenAsync(lab, flipped, ct);
        var readOnly = await flippedDb.QueryScalarAsync<long>($"SELECT @@global.read_only", ct) == 1;
        try
        {
            await monitor.TickAsync(ct); // connects: a full reading
            await monitor.TickAsync(ct);
            var before = registry.GetSnapshot(options.Clusters[0].Name)!;
            Assert.Equal(ServerState.Slave, Find(before, stopped).State);

            await stoppedDb.ExecuteAsync($"STOP SLAVE", ct);
            await flippedDb.ExecuteAsync($"SET GLOBAL read_only = {(readOnly ? 0 : 1)}", ct);
            await primary.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS monitoring_test", ct);
            await primary.ExecuteAsync($"CREATE TABLE IF NOT EXISTS monitoring_test.ticks (id INT PRIMARY KEY AUTO_INCREMENT)", ct);
            await primary.ExecuteAsync($"INSERT INTO monitoring_test.ticks VALUES ()", ct);
            var position = GtidList.ParseOrEmpty(await primary.QueryScalarAsync<string>($"SELECT @@global.gtid_binlog_pos", ct));
            await monitor.TickAsync(ct);

            var after = registry.GetSnapshot(options.Clusters[0].Name)!;
            Assert.Equal(ServerState.SlaveErr, Find(after, stopped).State);
            Assert.Equal(!readOnly, Find(after, flipped).ReadOnly);
            Assert.Equal(position, Find(after, lab.Primary).GtidBinlogPos);
            // Status values belong to the full reading: the same until the clock passes the full-read interval.
            // (the writes above moved the primary's Questions counter).
            Assert.Equal(Find(before, lab.Primary).Status["QUESTIONS"], Find(after, lab.Primary).Status["QUESTIONS"]);

            clock.Advance(TimeSpan.FromSeconds(11));
            await monitor.TickAsync(ct);
            var full = registry.GetSnapshot(options.Clusters[0].Name)!;
            Assert.NotEqual(Find(before, lab.Primary).Status["QUESTIONS"], Find(full, lab.Primary).Status["QUESTIONS"]);
        }
        finally
        {
            await stoppedDb.ExecuteAsync($"START SLAVE", CancellationToken.None);
            await flippedDb.ExecuteAsync($"SET GLOBAL read_only = {(readOnly ? 1 : 0)}", CancellationToken.None);
        }
    }

    private static ServerSnapshot Find(ClusterSnapshot snapshot, LabHost host) => snapshot.Find(new ServerAddress(host.Address, host.Port))!;

    /// <summary>Real wall time for the snapshots; elapsed time (what the probe's full-read interval reads) moves only by <see cref="Advance"/>.</summary>
    private sealed class HeldClock : TimeProvider
    {
        private long _timestamp = 1;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _timestamp, (long)(by.TotalSeconds * TimestampFrequency));

        public override long GetTimestamp() => Interlocked.Read(ref _timestamp);
    }
}
