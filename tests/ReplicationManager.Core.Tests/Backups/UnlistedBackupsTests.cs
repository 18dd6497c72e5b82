using System.Text.Json;
using ReplicationManager.Core.Backups;

namespace ReplicationManager.Core.Tests.Backups;

/// <summary>Backups under their real name that no metadata names: what a process killed before the check leaves.</summary>
public sealed class UnlistedBackupsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("repman-unlisted-");

    [Fact]
    public void OnlyBackupNamesThatNoMetadataNamesAreUnlisted()
    {
        Listed("mariabackup_20261207T080000Z", "mariabackup_20261207T080000Z.xbstream");
        Listed("mysqldump_20261207T070000Z", "mysqldump_20261207T070000Z.sql.gz");
        Listed("mydumper_20261207T060000Z", "mydumper_20261207T060000Z", directory: true);
        File.WriteAllText(Path.Combine(_folder.FullName, "mysqldump_20261207T070000Z.restore-check.json"), "{}");
        File.WriteAllText(Path.Combine(_folder.FullName, ".mariabackup_20261207T090000Z.xbstream.partial"), "half");
        File.WriteAllText(Path.Combine(_folder.FullName, "notes.txt"), "an operator's file");
        File.WriteAllText(Path.Combine(_folder.FullName, "mariabackup_20261207T090000Z_02.xbstream"), "killed before its check");
        File.WriteAllText(Path.Combine(_folder.FullName, "mydumper_20261207T100000Z.tar"), "killed before its end line was checked");
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "mydumper_20261207T110000Z"));

        var unlisted = BackupInventory.Unlisted(_folder.FullName).Select(Path.GetFileName);

        Assert.Equal(["mariabackup_20261207T090000Z_02.xbstream", "mydumper_20261207T100000Z.tar", "mydumper_20261207T110000Z"], unlisted);
    }

    [Fact]
    public void AnUnreadableMetadataFileStillKeepsTheBackupOfItsId()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "mysqldump_20261207T070000Z.sql.gz"), "dump");
        File.WriteAllText(Path.Combine(_folder.FullName, "mysqldump_20261207T070000Z.meta.json"), "{ not json");

        Assert.Empty(BackupInventory.Unlisted(_folder.FullName));
    }

    [Fact]
    public void AMissingFolderHasNothingUnlisted() => Assert.Empty(BackupInventory.Unlisted(Path.Combine(_folder.FullName, "absent")));

    public void Dispose() => _folder.Delete(recursive: true);

    private void Listed(string id, string artifact, bool directory = false)
    {
        if (directory)
            Directory.CreateDirectory(Path.Combine(_folder.FullName, artifact));
        else
            File.WriteAllText(Path.Combine(_folder.FullName, artifact), "backup");
        var at = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
        var metadata = new BackupMetadata(id, id.Split('_')[0], "1", "db1:3306", "10.11", "replica", at, at, artifact, 6, "", false, null, null, null,
            CoordinatesOf.None, [], [], [], null);
        File.WriteAllBytes(Path.Combine(_folder.FullName, id + ".meta.json"), JsonSerializer.SerializeToUtf8Bytes(metadata, BackupJsonContext.Default.BackupMetadata));
    }
}
