using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Reseed;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Reseed;

/// <summary>What repman answers the joiner's script before it sends anything: the room, and a reseed it knows.</summary>
public sealed class ReseedTransfersTests
{
    private static readonly ServerAddress Joiner = new("db3", 3306);
    private static readonly ReseedPlan Plan = new(Joiner, new ServerAddress("db1", 3306),
        new ReseedSource("mariabackup_20261206T120000Z", JobTasks.Mariabackup, new ServerAddress("db2", 3306), "/nowhere.xbstream", 1L << 30,
            DateTimeOffset.UnixEpoch, new BackupPosition("0-1-5", null, null)));

    [Fact]
    public async Task AJoinerWithoutRoomForTheBackupIsRefusedBeforeAnythingIsSent()
    {
        await using var transfers = Transfers();
        transfers.Expect(5, Plan);

        var refused = await transfers.BeforeReportAsync(Reseed(5), JobState.Halted, "listening on db3:4444 free=1000000000", TestContext.Current.CancellationToken);
        var roomy = await transfers.BeforeReportAsync(Reseed(5), JobState.Halted, $"listening on db3:4444 free={ReseedTransfers.RoomFor(1L << 30)}", TestContext.Current.CancellationToken);

        Assert.Equal("db3:3306 has 1000000000 bytes free beside its data directory; backup mariabackup_20261206T120000Z needs 1248224870 " +
            "(1073741824 bytes, a tenth more for the prepare, 64 MiB): nothing was sent, its data is untouched", refused);
        Assert.Null(roomy);
    }

    [Fact]
    public async Task AReportForAReseedRepmanDoesNotKnowIsRefused()
    {
        await using var transfers = Transfers();

        var refused = await transfers.BeforeReportAsync(Reseed(9), JobState.Processing, "received=100", TestContext.Current.CancellationToken);
        var error = await transfers.BeforeReportAsync(Reseed(9), JobState.Error, "failed", TestContext.Current.CancellationToken);
        var other = await transfers.BeforeReportAsync(Reseed(9) with { Task = JobTasks.Mariabackup }, JobState.Processing, null, TestContext.Current.CancellationToken);

        Assert.Equal("repman has no reseed in flight for job 9 (it restarted since the reseed started): nothing is sent, db3:3306 keeps its data", refused);
        Assert.Null(error);
        Assert.Null(other);
    }

    [Fact(Timeout = 30_000)]
    public async Task AReseedWhoseJobEndedIsForgotten()
    {
        await using var transfers = Transfers();
        var ended = new TaskCompletionSource<Job>(TaskCreationOptions.RunContinuationsAsynchronously);
        transfers.Expect(6, Plan, ended: ended.Task);
        Assert.Single(transfers.InFlight);

        ended.SetResult(Reseed(6) with { State = JobState.Error });
        // The watcher runs on the thread pool: the transfer goes once it saw the end (the test's timeout guards a hang).
        while (transfers.InFlight.Count > 0)
            await Task.Delay(10, TestContext.Current.CancellationToken);

        Assert.Empty(transfers.InFlight);
    }

    private static Job Reseed(long id) => new() { Id = id, Task = JobTasks.ReseedMariabackup, Target = Joiner, State = JobState.Pending };

    private static ReseedTransfers Transfers()
    {
        var directory = Path.Combine(Path.GetTempPath(), "repman-reseed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var path = Path.Combine(directory, "config.toml");
            File.WriteAllText(path, "[c]\ndb-servers-hosts = \"db1,db2,db3\"\ndb-servers-credential = \"u:p\"\n");
            var options = ConfigurationLoader.Load(path).Options;
            var cluster = options.Clusters[0];
            return new ReseedTransfers(cluster, null!, new ReseedRepoint(cluster, new ClusterRegistry(options), TimeProvider.System), TimeProvider.System, NullLogger.Instance);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
