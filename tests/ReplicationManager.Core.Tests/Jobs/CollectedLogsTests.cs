using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Jobs;

public sealed class CollectedLogsTests : IDisposable
{
    private static readonly ServerAddress Server = new("db2", 3306);
    private readonly string _datadir = Path.Combine(Path.GetTempPath(), "repman-logs-" + Guid.NewGuid().ToString("N"));
    private readonly JobDestinations _destinations;

    public CollectedLogsTests()
    {
        _destinations = new JobDestinations(_datadir, "c");
        Directory.CreateDirectory(_destinations.LogDirectory(Server));
        // Two collections that cut the log in the middle of a line.
        Write("log_error_20261206T100000Z.log", "one\ntwo\nthr");
        Write("log_error_20261206T110000Z.log", "ee\nfour\n");
        Write("log_slow_query_20261206T100000Z.log", "slow\n");
    }

    [Fact]
    public void TheLastLinesComeFromTheNewestCollectionsInOrder()
    {
        var log = CollectedLogs.Read(_destinations, Server, JobTasks.ErrorLog, 2, since: null);

        Assert.Equal(["three", "four"], log.Lines);
        Assert.Equal(19, log.Cursor);
        Assert.Equal(19, log.Size);
    }

    [Fact]
    public void ReadingOnFromACursorJoinsALineCutBetweenCollections()
    {
        var first = CollectedLogs.Read(_destinations, Server, JobTasks.ErrorLog, 2, since: 0);
        var second = CollectedLogs.Read(_destinations, Server, JobTasks.ErrorLog, 10, since: first.Cursor);
        var end = CollectedLogs.Read(_destinations, Server, JobTasks.ErrorLog, 10, since: second.Cursor);

        Assert.Equal(["one", "two"], first.Lines);
        Assert.Equal(8, first.Cursor);
        Assert.Equal(["three", "four"], second.Lines);
        Assert.Equal(19, second.Cursor);
        Assert.Empty(end.Lines);
        Assert.Equal(19, end.Cursor);
    }

    [Fact]
    public void EachLogHasItsOwnFiles()
    {
        Assert.Equal(["slow"], CollectedLogs.Read(_destinations, Server, JobTasks.SlowQuery, 100, null).Lines);
        Assert.Empty(CollectedLogs.Read(_destinations, Server, JobTasks.AuditLog, 100, null).Lines);
    }

    [Fact]
    public void RetentionRemovesOldCollectionsAndCursorsStillPointAtTheSameLines()
    {
        Write("log_audit_20261128T100000Z.log", "a1\na2\n");
        Write("log_audit_20261201T110000Z.log", "b1\n");
        Write("log_audit_20261206T120000Z.log", "c1\n");
        var before = CollectedLogs.Read(_destinations, Server, JobTasks.AuditLog, 3, since: 0);

        var removed = CollectedLogs.Prune(_destinations, Server, JobTasks.AuditLog, new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(7));

        Assert.Equal(1, removed);
        Assert.False(File.Exists(Path.Combine(_destinations.LogDirectory(Server), "log_audit_20261128T100000Z.log")));
        var after = CollectedLogs.Read(_destinations, Server, JobTasks.AuditLog, 10, since: 9);
        Assert.Equal(["a1", "a2", "b1"], before.Lines);
        Assert.Equal(["c1"], after.Lines);
        Assert.Equal(before.Size, after.Size);
        Assert.Equal(["b1", "c1"], CollectedLogs.Read(_destinations, Server, JobTasks.AuditLog, 10, since: 0).Lines);
        Assert.Equal(["b1", "c1"], CollectedLogs.Read(_destinations, Server, JobTasks.AuditLog, 10, since: null).Lines);
    }

    [Fact]
    public void AFileTheRecordAlreadyCoversIsIgnoredAndRemovedAtTheNextPrune()
    {
        var now = new DateTimeOffset(2026, 12, 20, 10, 30, 0, TimeSpan.Zero);
        Assert.Equal(1, CollectedLogs.Prune(_destinations, Server, JobTasks.ErrorLog, now, TimeSpan.FromDays(14)));
        // As if repman died after recording the removal and before deleting the file.
        Write("log_error_20261206T100000Z.log", "one\ntwo\nthr");

        Assert.Equal(["ee", "four"], CollectedLogs.Read(_destinations, Server, JobTasks.ErrorLog, 10, since: 0).Lines);
        Assert.Equal(19, CollectedLogs.Read(_destinations, Server, JobTasks.ErrorLog, 10, since: 0).Size);
        Assert.Equal(0, CollectedLogs.Prune(_destinations, Server, JobTasks.ErrorLog, now, TimeSpan.FromDays(14)));
        Assert.False(File.Exists(Path.Combine(_destinations.LogDirectory(Server), "log_error_20261206T100000Z.log")));
        Assert.True(File.Exists(Path.Combine(_destinations.LogDirectory(Server), "log_slow_query_20261206T100000Z.log")));
    }

    [Fact]
    public void AMaximumAgeOfZeroKeepsEveryCollection()
    {
        Assert.Equal(0, CollectedLogs.Prune(_destinations, Server, JobTasks.ErrorLog, DateTimeOffset.MaxValue, TimeSpan.Zero));
        Assert.Equal(["one", "two", "three", "four"], CollectedLogs.Read(_destinations, Server, JobTasks.ErrorLog, 10, since: 0).Lines);
    }

    public void Dispose() => Directory.Delete(_datadir, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_destinations.LogDirectory(Server), name), text);
}
