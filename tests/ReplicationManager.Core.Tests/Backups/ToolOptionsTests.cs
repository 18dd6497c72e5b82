using ReplicationManager.Core.Backups;

namespace ReplicationManager.Core.Tests.Backups;

public sealed class ToolOptionsTests
{
    [Fact]
    public void SplitsOnWhiteSpaceWithQuotesGroupingAValue()
    {
        var tokens = ToolOptions.Split("  --hex-blob\t--where=\"id > 10\"  --regex '^(?!(a\\.b$))'  \"\" ");

        Assert.Equal(new[] { "--hex-blob", "--where=id > 10", "--regex", "^(?!(a\\.b$))", "" }, tokens);
    }

    [Theory]
    [InlineData("--master-data=2", "master-data")]
    [InlineData("--master_data", "master-data")]
    [InlineData("--Single-Transaction", "single-transaction")]
    [InlineData("-psecret", "p")]
    [InlineData("-P", "P")]
    [InlineData("shop", null)]
    [InlineData("-", null)]
    public void NamesTheOptionOfAToken(string token, string? name)
    {
        Assert.Equal(name, ToolOptions.NameOf(token));
    }

    [Fact]
    public void BackupNamesRoundTripAndHiddenNamesAreNotBackups()
    {
        var name = BackupName.For("mysqldump", new DateTimeOffset(2026, 11, 22, 5, 11, 12, 345, TimeSpan.FromHours(2)));

        Assert.Equal("mysqldump_20261122T031112Z", name.Id);
        Assert.Equal("mysqldump_20261122T031112Z.sql.gz", name.Artifact);
        Assert.Equal("mysqldump_20261122T031112Z.meta.json", name.Metadata);
        Assert.Equal(".mysqldump_20261122T031112Z.sql.gz.partial", BackupName.Partial(name.Artifact));
        Assert.True(BackupName.TryParseId(name.Id, out var parsed));
        Assert.Equal(name, parsed);
        Assert.Equal("mydumper_20261122T031112Z", BackupName.For("mydumper", name.Taken).Artifact);
        Assert.False(BackupName.TryParseId(".mysqldump_20261122T031112Z", out _));
        Assert.False(BackupName.TryParseId("mariabackup_20261122T031112Z", out _));
        Assert.False(BackupName.TryParseId("mysqldump_2026-11-22", out _));
    }

    [Theory]
    [InlineData("mydumper 0.10.0, built against MySQL 10.11.14", "0.10.0")]
    [InlineData("mydumper v0.16.9-1, built against MySQL 8.0.39 with SSL support", "0.16.9")]
    public void ReadsTheVersionOfMydumper(string text, string version)
    {
        Assert.Equal(Version.Parse(version), MydumperVersion.Parse(text));
    }
}
