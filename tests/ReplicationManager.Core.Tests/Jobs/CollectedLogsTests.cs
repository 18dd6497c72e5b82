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

    public void Dispose() => Directory.Delete(_datadir, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_destinations.LogDirectory(Server), name), text);
}
