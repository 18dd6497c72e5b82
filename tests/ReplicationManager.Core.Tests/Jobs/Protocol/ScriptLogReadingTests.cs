using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Protocol;

namespace ReplicationManager.Core.Tests.Jobs.Protocol;

public sealed class ScriptLogReadingTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Jobs", "Fixtures");

    [Fact]
    public void FindsTheBinlogPositionAndGtidInMariabackupsOutput()
    {
        var lines = File.ReadAllLines(Path.Combine(Fixtures, "mariabackup-10.11-replica.out"));

        var position = lines.Select(ScriptLogReading.PositionIn).Last(found => found is not null);

        Assert.Equal(new BackupPosition("0-11-192", "binlog.000001", 109914614), position);
        Assert.Equal("INFO", lines.Select(line => ScriptLogReading.LevelOf(line, null)).Distinct().Single());
        Assert.Empty(lines.SelectMany(ScriptLogReading.ErrorCodes));
    }

    [Fact]
    public void FindsXtrabackupsPositionWithAMysqlGtidSet()
    {
        const string line = "2026-12-06T11:05:56.12345-00:00 0 [Note] [MY-011825] [Xtrabackup] MySQL binlog position: filename 'binlog.000003', position '157', GTID of the last change '3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5'";

        Assert.Equal(new BackupPosition("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5", "binlog.000003", 157), ScriptLogReading.PositionIn(line));
    }

    [Fact]
    public void AFailedBackupReadsAsAnError()
    {
        var lines = File.ReadAllLines(Path.Combine(Fixtures, "mariabackup-access-denied.out"));

        Assert.Null(lines.Select(ScriptLogReading.PositionIn).LastOrDefault(found => found is not null));
        Assert.Contains("Failed to connect", lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ERROR 1045 (28000): Access denied for user 'repman'@'127.0.0.1'", "1045")]
    [InlineData("mariadb-check: Got error: 2013: Lost connection", "2013")]
    [InlineData("[ERROR] InnoDB: Operating system error number 13 in a file operation.", "errno 13")]
    [InlineData("cannot open file (errno: 24 \"Too many open files\")", "errno 24")]
    public void ReadsErrorCodes(string line, string code) => Assert.Contains(code, ScriptLogReading.ErrorCodes(line));

    [Theory]
    [InlineData("2026-12-06 [ERROR] mariadbd: Got error 28", null, "ERROR")]
    [InlineData("2026-12-06 [Warning] Aborted connection", null, "WARN")]
    [InlineData("[01] Streaming ./sys/statements_with_errors_or_warnings.frm", null, "INFO")]
    [InlineData("anything", "DEBUG", "DEBUG")]
    public void ALineTakesTheBatchLevelOrOneReadFromIt(string line, string? batch, string level) =>
        Assert.Equal(level, ScriptLogReading.LevelOf(line, batch));

    [Theory]
    [InlineData("info", "INFO")]
    [InlineData("Warning", "WARN")]
    [InlineData("ERR", "ERROR")]
    [InlineData("debug", "DEBUG")]
    [InlineData("trace", null)]
    public void NormalizesTheScriptsLevelWords(string word, string? level) => Assert.Equal(level, ScriptLogReading.NormalizeLevel(word));
}
