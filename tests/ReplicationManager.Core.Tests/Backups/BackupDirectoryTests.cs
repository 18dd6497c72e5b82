using System.Text.Json;
using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Tests.Backups;

public sealed class BackupDirectoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("repman-backups-").FullName;

    [Fact(Timeout = 10_000)]
    public async Task ACommittedBackupIsListedWithItsMetadata()
    {
        var name = Partial("2026-11-22T01:00:00Z");

        await BackupCommit.CommitAsync(_directory, name, Metadata(name), TestContext.Current.CancellationToken);

        Assert.Equal(new[] { name }, BackupCatalog.List(_directory, "mysqldump"));
        Assert.True(File.Exists(Path.Combine(_directory, name.Artifact)));
        var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, name.Metadata))).RootElement;
        Assert.Equal(name.Id, metadata.GetProperty("id").GetString());
        Assert.Equal("0-11-343", metadata.GetProperty("gtid").GetString());
        Assert.Equal("Server", metadata.GetProperty("coordinatesOf").GetString());
        Assert.Empty(Directory.GetFiles(_directory, ".*"));
    }

    [Fact]
    public void PartialFilesAndBackupsWithoutMetadataAreNotListed()
    {
        Partial("2026-11-22T01:00:00Z");
        var orphan = BackupName.For("mysqldump", DateTimeOffset.Parse("2026-11-22T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(_directory, orphan.Artifact), "complete but its metadata never came");
        var stray = BackupName.For("mysqldump", DateTimeOffset.Parse("2026-11-22T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(_directory, stray.Metadata), "{}");

        Assert.Empty(BackupCatalog.List(_directory, "mysqldump"));
    }

    [Fact(Timeout = 10_000)]
    public async Task DiscardRemovesOnlyPartialNames()
    {
        var done = Partial("2026-11-22T01:00:00Z");
        await BackupCommit.CommitAsync(_directory, done, Metadata(done), TestContext.Current.CancellationToken);
        var failed = Partial("2026-11-22T02:00:00Z");

        BackupCommit.Discard(_directory, failed);
        BackupCommit.Discard(_directory, done);

        Assert.Equal(new[] { done.Metadata, done.Artifact }, Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 10_000)]
    public async Task RetentionRemovesMetadataAndArtifactOfEachBackupNotKept()
    {
        var names = new[] { "2026-11-20T01:00:00Z", "2026-11-21T01:00:00Z", "2026-11-22T01:00:00Z" }.Select(Partial).ToList();
        foreach (var name in names)
            await BackupCommit.CommitAsync(_directory, name, Metadata(name), TestContext.Current.CancellationToken);
        var decisions = RetentionPolicy.Decide(BackupCatalog.List(_directory, "mysqldump"), new BackupRetention(0, 2, 0, 0, 0), TimeZoneInfo.Utc, names[2].Id);

        var result = BackupPruner.Prune(_directory, decisions);

        Assert.Equal(new[] { names[0].Id }, result.Removed);
        Assert.Empty(result.Failures);
        Assert.Equal(names.Skip(1), BackupCatalog.List(_directory, "mysqldump"));
        Assert.Equal(4, Directory.GetFiles(_directory).Length);
    }

    [Fact(Timeout = 10_000)]
    public async Task ADirectoryBackupIsCommittedAndPrunedAsAWhole()
    {
        var name = BackupName.For("mydumper", DateTimeOffset.Parse("2026-11-20T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var partial = Path.Combine(_directory, BackupName.Partial(name.Artifact));
        Directory.CreateDirectory(partial);
        File.WriteAllText(Path.Combine(partial, "metadata"), "Finished dump at: 2026-11-20 01:00:01\n");
        await BackupCommit.CommitAsync(_directory, name, Metadata(name), TestContext.Current.CancellationToken);
        Assert.Equal(new[] { name }, BackupCatalog.List(_directory, "mydumper"));

        var result = BackupPruner.Prune(_directory, [new RetentionDecision(name, [])]);

        Assert.Equal(new[] { name.Id }, result.Removed);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact(Timeout = 10_000)]
    public async Task ADirectoryDigestListsEveryFileLikeSha256sum()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "sub"));
        File.WriteAllText(Path.Combine(_directory, "b.sql"), "b");
        File.WriteAllText(Path.Combine(_directory, "sub", "a.sql"), "a");

        var (size, sha256, files) = await DirectoryDigest.ComputeAsync(_directory, TestContext.Current.CancellationToken);

        Assert.Equal(2, size);
        Assert.Equal(new[] { "b.sql", "sub/a.sql" }, files.Select(file => file.Name));
        // sha256sum of "b" and "a", then of the two lines "<hash>  b.sql\n<hash>  sub/a.sql\n".
        Assert.Equal("3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d", files[0].Sha256);
        Assert.Equal(DirectoryDigest.ManifestSha256(files), sha256);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private BackupName Partial(string taken)
    {
        var name = BackupName.For("mysqldump", DateTimeOffset.Parse(taken, System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(_directory, BackupName.Partial(name.Artifact)), "dump");
        return name;
    }

    private static BackupMetadata Metadata(BackupName name) => new(
        name.Id, name.Tool, "mariadb-dump Ver 10.19", "127.0.0.11:3306", "10.11.19-MariaDB", "primary", name.Taken, name.Taken.AddSeconds(3),
        name.Artifact, 4, "00", Compressed: true, "0-11-343", "binlog.000002", 390161017, CoordinatesOf.Server, ["--all-databases"], [], [], null);
}
