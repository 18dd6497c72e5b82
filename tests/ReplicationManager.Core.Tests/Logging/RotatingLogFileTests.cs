using System.Text;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Tests.Fakes;
using ReplicationManager.Core.Tests.Options;

namespace ReplicationManager.Core.Tests.Logging;

/// <summary>A log file rotated by size, its rotated files kept by count and age (log-rotate-*).</summary>
public sealed class RotatingLogFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("repman-rotating-log-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));

    private string LogPath => Path.Combine(_folder.FullName, "logs", "errorlog.log");

    [Fact]
    public void AWriteThatWouldPassTheSizeRotatesTheFileFirstUnderTheTimeOfTheRotation()
    {
        using var log = new RotatingLogFile(LogPath, new LogRotation(11, 7, TimeSpan.FromDays(7)), _time);

        log.Append("12345\n"u8);
        log.Append("6789\n"u8);
        _time.Advance(TimeSpan.FromMilliseconds(1234));
        log.Append("abcdef\n"u8);

        var rotated = Assert.Single(log.Rotated());
        Assert.Equal("errorlog-2026-12-07T08-00-01.234.log", Path.GetFileName(rotated));
        Assert.Equal("12345\n6789\n", File.ReadAllText(rotated));
        Assert.Equal("abcdef\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public void OnlyTheNewestRotatedFilesAreKept()
    {
        using var log = new RotatingLogFile(LogPath, new LogRotation(4, 2, TimeSpan.Zero), _time);

        for (var i = 0; i < 5; i++)
        {
            log.Append(Encoding.ASCII.GetBytes($"{i}{i}{i}\n"));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["222\n", "333\n"], log.Rotated().Select(File.ReadAllText));
        Assert.Equal("444\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public void RotatedFilesOlderThanTheAgeKeptGoAtTheNextRotationWhateverTheCount()
    {
        using var log = new RotatingLogFile(LogPath, new LogRotation(4, 0, TimeSpan.FromDays(7)), _time);
        log.Append("old\n"u8);
        log.Append("mid\n"u8);
        _time.Advance(TimeSpan.FromDays(6));
        log.Append("new\n"u8);
        _time.Advance(TimeSpan.FromDays(2));

        log.Append("now\n"u8);

        Assert.Equal(["mid\n", "new\n"], log.Rotated().Select(File.ReadAllText));
    }

    [Fact]
    public void AFileMovedAwayIsCreatedAgainAtTheNextWrite()
    {
        using var log = new RotatingLogFile(LogPath, new LogRotation(1024, 7, TimeSpan.FromDays(7)), _time);
        log.Append("before\n"u8);
        File.Move(LogPath, LogPath + ".1");

        log.Append("after\n"u8);

        Assert.Equal("after\n", File.ReadAllText(LogPath));
        Assert.Equal("before\n", File.ReadAllText(LogPath + ".1"));
    }

    [Fact]
    public void AnExistingFileCountsTowardsTheSizeAndOtherFilesOfTheFolderAreLeftAlone()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        File.WriteAllText(LogPath, "from an earlier run\n");
        File.WriteAllText(Path.Combine(_folder.FullName, "logs", "errorlog-notes.log"), "an operator's file");
        File.WriteAllText(Path.Combine(_folder.FullName, "logs", "slowquery.log"), "another log");
        using var log = new RotatingLogFile(LogPath, new LogRotation(25, 1, TimeSpan.FromDays(1)), _time);

        log.Append("next\n"u8);
        _time.Advance(TimeSpan.FromDays(3));
        log.Append("again\n"u8);

        Assert.Equal(["from an earlier run\nnext\n"], log.Rotated().Select(File.ReadAllText));
        Assert.Equal(["errorlog-2026-12-10T08-00-00.000.log", "errorlog-notes.log", "errorlog.log", "slowquery.log"],
            Directory.GetFiles(Path.GetDirectoryName(LogPath)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(5, 5L * 1024 * 1024)]
    [InlineData(0, 100L * 1024 * 1024)]
    public void AMaximumSizeOfZeroStandsForAHundredMegabytesAsInReplicationManager(int megabytes, long bytes)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.toml", $"""
            [Default]
            db-servers-credential = "repman:pw"
            log-rotate-max-size = {megabytes}
            log-rotate-max-backup = 3
            log-rotate-max-age = 2
            [lab]
            db-servers-hosts = "127.0.0.11"
            [other]
            db-servers-hosts = "127.0.0.12"
            log-rotate-max-backup = 30
            """);

        var options = ConfigurationLoader.Load(path).Options;

        Assert.Equal(new LogRotation(bytes, 3, TimeSpan.FromDays(2)), options.Global.Logging.Rotation);
        Assert.Equal(options.Global.Logging.Rotation, options.Clusters.Single(cluster => cluster.Name == "lab").Scheduler.LogRotation);
        Assert.Equal(new LogRotation(bytes, 30, TimeSpan.FromDays(2)), options.Clusters.Single(cluster => cluster.Name == "other").Scheduler.LogRotation);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
