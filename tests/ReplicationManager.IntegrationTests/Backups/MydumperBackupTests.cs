using System.Text.Json;
using ReplicationManager.Core.Backups;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.LocalTaskLab;

namespace ReplicationManager.IntegrationTests.Backups;

public sealed class MydumperBackupTests
{
    [Fact(Timeout = 300_000)]
    public async Task ABackupWithTheDefaultOptionsLandsWithItsMetadataAndRestoresWithMyloader()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        using var tasks = new TaskLab(lab);

        var outcome = await new MydumperBackupTask().RunAsync(tasks.ContextFor(lab.Primary), ct);

        Assert.True(outcome.Succeeded, outcome.Result);
        var directory = tasks.BackupDirectory(lab.Primary);
        var backup = Assert.Single(Directory.GetDirectories(directory, "mydumper_*"));
        Assert.Equal(backup, outcome.Path);
        Assert.Empty(Directory.GetFileSystemEntries(directory, ".*"));
        var files = Directory.GetFiles(backup).Select(Path.GetFileName).ToList();
        Assert.Contains("metadata", files);
        Assert.Contains(files, file => file!.StartsWith(schema.Name + ".orders", StringComparison.Ordinal) && file.EndsWith(".sql.gz", StringComparison.Ordinal));
        Assert.DoesNotContain(files, file => file!.StartsWith("mysql.", StringComparison.Ordinal) || file.StartsWith("sys.", StringComparison.Ordinal));
        Assert.DoesNotContain(files, file => file!.StartsWith("replication_manager_schema.jobs", StringComparison.Ordinal));

        var metadata = JsonDocument.Parse(File.ReadAllText(backup + ".meta.json")).RootElement;
        Assert.Equal("mydumper", metadata.GetProperty("tool").GetString());
        Assert.StartsWith("mydumper 0.", metadata.GetProperty("toolVersion").GetString(), StringComparison.Ordinal);
        Assert.Equal("Server", metadata.GetProperty("coordinatesOf").GetString());
        Assert.Matches(@"^\d+-11-\d+", metadata.GetProperty("gtid").GetString());
        Assert.StartsWith("binlog.", metadata.GetProperty("binlogFile").GetString(), StringComparison.Ordinal);
        Assert.True(metadata.GetProperty("compressed").GetBoolean());
        var listed = metadata.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(files.Count, listed.Count);
        Assert.Equal(Directory.GetFiles(backup).Sum(file => new FileInfo(file).Length), metadata.GetProperty("size").GetInt64());
        var manifest = listed.Select(file => new BackupFile(file.GetProperty("name").GetString()!, file.GetProperty("size").GetInt64(), file.GetProperty("sha256").GetString()!));
        Assert.Equal(DirectoryDigest.ManifestSha256(manifest), metadata.GetProperty("sha256").GetString());
        Assert.Empty(metadata.GetProperty("droppedOptions").EnumerateArray());
        Assert.StartsWith("--defaults-file=", metadata.GetProperty("options")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(tasks.Logger.Lines, line => line.Contains(lab.RepmanPassword, StringComparison.Ordinal));

        await using var fresh = await FreshHost.CreateAsync(lab, ct);
        await Restore.MyloaderAsync(tasks, backup, schema.Name, fresh.Host, ct);

        Assert.Equal(await schema.ChecksumsAsync(lab.Primary, ct), await schema.ChecksumsAsync(fresh.Host, ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task OptionsThisMydumperDoesNotKnowAreLeftOutAndNamed()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        using var tasks = new TaskLab(lab, $"backup-mydumper-options = \"--compress --trx-consistency-only --clear --sync-thread-lock-mode AUTO --database {schema.Name}\"");

        var outcome = await new MydumperBackupTask().RunAsync(tasks.ContextFor(lab.Primary), ct);

        Assert.True(outcome.Succeeded, outcome.Result);
        Assert.Contains("option not passed: --clear (this mydumper does not know it", outcome.Result, StringComparison.Ordinal);
        Assert.Contains("option not passed: --sync-thread-lock-mode", outcome.Result, StringComparison.Ordinal);
        var metadata = System.Text.Json.JsonDocument.Parse(File.ReadAllText(outcome.Path + ".meta.json")).RootElement;
        Assert.DoesNotContain("AUTO", metadata.GetProperty("options").EnumerateArray().Select(option => option.GetString()));
        Assert.Contains(tasks.Logger.Lines, line => line.Contains("option --clear not passed to mydumper", StringComparison.Ordinal));
    }

    [Theory(Timeout = 120_000)]
    [InlineData("backup-mydumper-path = \"/nonexistent/mydumper\"", "backup-mydumper-path = /nonexistent/mydumper: no such file")]
    [InlineData("backup-mydumper-path = \"/etc/hostname\"", "cannot run /etc/hostname --help")]
    public async Task AFailingDumpLeavesNoBackupAndSaysWhy(string settings, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        using var tasks = new TaskLab(lab, settings);

        var outcome = await new MydumperBackupTask().RunAsync(tasks.ContextFor(lab.Primary), ct);

        Assert.False(outcome.Succeeded);
        Assert.Contains(reason, outcome.Result, StringComparison.Ordinal);
        var directory = tasks.BackupDirectory(lab.Primary);
        Assert.True(!Directory.Exists(directory) || Directory.GetFileSystemEntries(directory).Length == 0);
    }

    [Fact(Timeout = 120_000)]
    public async Task ADumpThatFailsMidwayLeavesNoDirectory()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        // mydumper exits 1 with a CRITICAL line when the database it is told to dump does not exist.
        using var tasks = new TaskLab(lab, "backup-mydumper-options = \"--database no_such_schema_for_repman --verbose=3\"");

        var outcome = await new MydumperBackupTask().RunAsync(tasks.ContextFor(lab.Primary), ct);

        Assert.False(outcome.Succeeded, outcome.Result);
        Assert.Contains("mydumper exited with code 1", outcome.Result, StringComparison.Ordinal);
        Assert.Contains("Unknown database 'no_such_schema_for_repman'", outcome.Result, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(tasks.BackupDirectory(lab.Primary)));
    }
}
