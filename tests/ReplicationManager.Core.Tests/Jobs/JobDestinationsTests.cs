using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Jobs;

/// <summary>Where received streams land: two transfers within one second each keep their own file.</summary>
public sealed class JobDestinationsTests : IDisposable
{
    private static readonly ServerAddress Db2 = new("127.0.0.12", 3306);
    private static readonly DateTimeOffset At = new(2026, 12, 6, 14, 29, 0, 250, TimeSpan.Zero);
    private readonly string _datadir = Path.Combine(Path.GetTempPath(), "repman-destinations-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void ASecondCollectionWithinTheSameSecondGetsItsOwnNameSortedAfterTheFirst()
    {
        var destinations = new JobDestinations(_datadir, "lab");
        var first = destinations.For(Db2, JobTasks.ErrorLog, At);
        Directory.CreateDirectory(Path.GetDirectoryName(first)!);
        File.WriteAllText(first, "first");

        var second = destinations.For(Db2, JobTasks.ErrorLog, At.AddMilliseconds(500));
        File.WriteAllText(second, "second");
        var third = destinations.For(Db2, JobTasks.ErrorLog, At.AddMilliseconds(600));

        Assert.Equal("log_error_20261206T142900Z.log", Path.GetFileName(first));
        Assert.Equal("log_error_20261206T142900Z_02.log", Path.GetFileName(second));
        Assert.Equal("log_error_20261206T142900Z_03.log", Path.GetFileName(third));
        Assert.Equal([first, second, third], new[] { third, second, first }.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ABackupKeepsItsDoubleExtension()
    {
        var destinations = new JobDestinations(_datadir, "lab");
        var first = destinations.For(Db2, JobTasks.Mysqldump, At);
        Directory.CreateDirectory(Path.GetDirectoryName(first)!);
        File.WriteAllText(first, "dump");

        Assert.Equal("mysqldump_20261206T142900Z_02.sql.gz", Path.GetFileName(destinations.For(Db2, JobTasks.Mysqldump, At)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_datadir))
            Directory.Delete(_datadir, recursive: true);
    }
}
