using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Topology;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.IntegrationTests.LocalTaskLab;
using ReplicationManager.IntegrationTests.MariaDb;

namespace ReplicationManager.IntegrationTests.Backups;

public sealed class MysqldumpBackupTests
{
    [Fact(Timeout = 300_000)]
    public async Task ABackupOfThePrimaryLandsWithItsMetadataAndRestoresToTheSameChecksums()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        using var tasks = new TaskLab(lab, $"backup-mysqldump-options = \"--hex-blob --single-transaction --routines --triggers --databases {schema.Name}\"");

        var outcome = await new MysqldumpBackupTask().RunAsync(tasks.ContextFor(lab.Primary), ct);

        Assert.True(outcome.Succeeded, outcome.Result);
        var directory = tasks.BackupDirectory(lab.Primary);
        Assert.Equal(Path.Combine(tasks.Datadir, "Backups", "lab", "127.0.0.11_3306"), directory);
        var backup = Assert.Single(Directory.GetFiles(directory, "mysqldump_*.sql.gz"));
        Assert.Equal(backup, outcome.Path);
        Assert.Empty(Directory.GetFileSystemEntries(directory, ".*"));
        var metadata = ReadMetadata(Path.ChangeExtension(Path.ChangeExtension(backup, null), null) + ".meta.json");
        Assert.Equal(Path.GetFileName(backup), metadata.GetProperty("artifact").GetString());
        Assert.Equal("mysqldump", metadata.GetProperty("tool").GetString());
        Assert.Contains("MariaDB", metadata.GetProperty("toolVersion").GetString(), StringComparison.Ordinal);
        Assert.Equal("127.0.0.11:3306", metadata.GetProperty("source").GetString());
        Assert.Equal("primary", metadata.GetProperty("role").GetString());
        Assert.Equal("Server", metadata.GetProperty("coordinatesOf").GetString());
        Assert.Matches(@"^\d+-11-\d+", metadata.GetProperty("gtid").GetString());
        Assert.StartsWith("binlog.", metadata.GetProperty("binlogFile").GetString(), StringComparison.Ordinal);
        Assert.True(metadata.GetProperty("binlogPos").GetInt64() > 0);
        Assert.Equal(new FileInfo(backup).Length, metadata.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(backup))), metadata.GetProperty("sha256").GetString());
        Assert.Equal(outcome.Sha256, metadata.GetProperty("sha256").GetString());
        Assert.True(metadata.GetProperty("compressed").GetBoolean());
        Assert.StartsWith("--defaults-extra-file=", metadata.GetProperty("options")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(lab.RepmanPassword, File.ReadAllText(Path.ChangeExtension(Path.ChangeExtension(backup, null), null) + ".meta.json"), StringComparison.Ordinal);
        Assert.DoesNotContain(tasks.Logger.Lines, line => line.Contains(lab.RepmanPassword, StringComparison.Ordinal));

        await using var fresh = await FreshHost.CreateAsync(lab, ct);
        await Restore.MysqldumpAsync(tasks, backup, fresh.Host, ct);

        var expected = await schema.ChecksumsAsync(lab.Primary, ct);
        Assert.All(expected.Values, checksum => Assert.NotNull(checksum));
        Assert.Equal(expected, await schema.ChecksumsAsync(fresh.Host, ct));
    }

    [Fact(Timeout = 180_000)]
    public async Task TheDefaultOptionsDumpEveryUserSchemaButNeitherTheMysqlSchemaNorTheJobsTable()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        using var tasks = new TaskLab(lab);

        var outcome = await new MysqldumpBackupTask().RunAsync(tasks.ContextFor(lab.Primary), ct);

        Assert.True(outcome.Succeeded, outcome.Result);
        var dump = await ReadDumpAsync(outcome.Path!, ct);
        Assert.Contains($"CREATE DATABASE /*!32312 IF NOT EXISTS*/ `{schema.Name}`", dump, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE `orders`", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("-- Current Database: `mysql`", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE USER", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE TABLE `jobs`", dump, StringComparison.Ordinal);
        Assert.Contains("option not passed: --system", outcome.Result, StringComparison.Ordinal);
        Assert.EndsWith("\n", dump, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task AReplicaIsDumpedWithItsSourceCoordinatesAndKeepsReplicating()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        await schema.WaitForReplicasAsync(ct);
        using var tasks = new TaskLab(lab, $"backup-mysqldump-options = \"--single-transaction --databases {schema.Name}\"");
        var replica = lab.Replicas[0];

        var outcome = await new MysqldumpBackupTask().RunAsync(tasks.ContextFor(replica, ServerState.Slave), ct);

        Assert.True(outcome.Succeeded, outcome.Result);
        var metadata = ReadMetadata(Path.Combine(tasks.BackupDirectory(replica), Path.GetFileName(outcome.Path!).Replace(".sql.gz", ".meta.json", StringComparison.Ordinal)));
        Assert.Equal("replica", metadata.GetProperty("role").GetString());
        Assert.Equal("Source", metadata.GetProperty("coordinatesOf").GetString());
        Assert.Matches(@"^\d+-11-\d+", metadata.GetProperty("gtid").GetString());
        Assert.Contains("--dump-slave=2", metadata.GetProperty("options").EnumerateArray().Select(option => option.GetString()));
        await using var connection = await LabConnections.OpenAsync(lab, replica, ct);
        var status = (await connection.QueryAsync($"SHOW SLAVE STATUS", ct)).Single();
        Assert.Equal("Yes", status["Slave_SQL_Running"].GetString());
    }

    [Fact(Timeout = 180_000)]
    public async Task RetentionKeepsTheNewestOfEachDayAndNeverTheIncomplete()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await TestSchema.CreateAsync(lab, ct);
        using var tasks = new TaskLab(lab, $"""
            backup-mysqldump-options = "--single-transaction --databases {schema.Name}"
            backup-keep-hourly = 0
            backup-keep-daily = 2
            backup-keep-weekly = 0
            backup-keep-monthly = 0
            backup-keep-yearly = 0
            """);
        var directory = tasks.BackupDirectory(lab.Primary);
        Directory.CreateDirectory(directory);
        var partial = Path.Combine(directory, ".mysqldump_20200101T000000Z.sql.gz.partial");
        File.WriteAllText(partial, "a dump still being written");
        var made = new List<string>();
        foreach (var taken in new[] { "2026-11-20T01:00:00Z", "2026-11-20T13:00:00Z", "2026-11-21T01:00:00Z", "2026-11-22T01:00:00Z" })
        {
            tasks.Clock.Now = DateTimeOffset.Parse(taken, System.Globalization.CultureInfo.InvariantCulture);
            var outcome = await new MysqldumpBackupTask().RunAsync(tasks.ContextFor(lab.Primary), ct);
            Assert.True(outcome.Succeeded, outcome.Result);
            made.Add(Path.GetFileName(outcome.Path!));
        }

        Assert.Equal(new[] { made[2], made[3] }, Directory.GetFiles(directory, "mysqldump_*.sql.gz").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(2, Directory.GetFiles(directory, "mysqldump_*.meta.json").Length);
        Assert.True(File.Exists(partial));
    }

    [Theory(Timeout = 120_000)]
    [InlineData("backup-mysqldump-options = \"--single-transaction --no-such-option\"", null, "exited with code", "unknown option '--no-such-option'")]
    [InlineData("backup-mysqldump-path = \"/nonexistent/mariadb-dump\"", null, "backup-mysqldump-path = /nonexistent/mariadb-dump: no such file", null)]
    [InlineData("", "wrong-Pa55", "cannot read 127.0.0.11:3306 as repman before the dump (1045)", "Access denied")]
    public async Task AFailingDumpLeavesNoBackupAndSaysWhy(string settings, string? password, string reason, string? detail)
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        using var tasks = new TaskLab(lab, settings, password);

        var outcome = await new MysqldumpBackupTask().RunAsync(tasks.ContextFor(lab.Primary), ct);

        Assert.False(outcome.Succeeded);
        Assert.Contains(reason, outcome.Result, StringComparison.Ordinal);
        if (detail is not null)
            Assert.Contains(detail, outcome.Result, StringComparison.Ordinal);
        var directory = tasks.BackupDirectory(lab.Primary);
        Assert.True(!Directory.Exists(directory) || Directory.GetFileSystemEntries(directory).Length == 0, string.Join(", ", Directory.Exists(directory) ? Directory.GetFileSystemEntries(directory) : []));
        Assert.DoesNotContain(password ?? lab.RepmanPassword, outcome.Result, StringComparison.Ordinal);
        Assert.DoesNotContain(tasks.Logger.Lines, line => line.Contains(password ?? lab.RepmanPassword, StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task ADumpThatStopsEarlyIsNotABackup()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        using var fake = new FakeDumpTool("printf -- '-- MariaDB dump (fake)\\nCREATE TABLE `t` (id INT);\\n'; exit 0");
        using var tasks = new TaskLab(lab, $"backup-mysqldump-path = \"{fake.Path}\"");

        var outcome = await new MysqldumpBackupTask().RunAsync(tasks.ContextFor(lab.Primary), ct);

        Assert.False(outcome.Succeeded);
        Assert.Contains("does not end with its '-- Dump completed' line", outcome.Result, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(tasks.BackupDirectory(lab.Primary)));
    }

    [Fact(Timeout = 120_000)]
    public async Task ACancelledDumpLeavesNoFileAndTheToolNeverSawThePassword()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        using var fake = new FakeDumpTool("printf -- '-- MariaDB dump (fake)\\n'; exec sleep 60");
        using var tasks = new TaskLab(lab, $"backup-mysqldump-path = \"{fake.Path}\"");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var run = new MysqldumpBackupTask().RunAsync(tasks.ContextFor(lab.Primary), cancel.Token);
        var directory = tasks.BackupDirectory(lab.Primary);
        while (!File.Exists(fake.SeenOptionFileMode) || !Directory.Exists(directory) || Directory.GetFiles(directory, ".*.partial").Length == 0)
        {
            Assert.False(run.IsCompleted, run.IsCompleted ? (await run).Result : "");
            await Task.Delay(50, ct);
        }
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(Directory.GetFileSystemEntries(directory));
        var seen = File.ReadAllLines(fake.SeenArguments);
        Assert.StartsWith("--defaults-extra-file=", seen[0], StringComparison.Ordinal);
        Assert.DoesNotContain(seen, argument => argument.Contains(lab.RepmanPassword, StringComparison.Ordinal));
        Assert.Equal("600", File.ReadAllText(fake.SeenOptionFileMode).Trim());
        Assert.False(File.Exists(seen[0]["--defaults-extra-file=".Length..]), "the option file outlives the dump");
        Assert.Contains(tasks.Logger.Lines, line => line.Contains("cancelled", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task AFailedReplicaDumpRestartsTheReplicationItStopped()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var replica = lab.Replicas[^1];
        // Stops the SQL thread as --dump-slave does, then dies before it could start it again.
        using var fake = new FakeDumpTool($"mariadb \"$1\" --host={replica.Address} --port={replica.Port} -e 'STOP ALL SLAVES SQL_THREAD' && exit 2");
        using var tasks = new TaskLab(lab, $"backup-mysqldump-path = \"{fake.Path}\"");

        var outcome = await new MysqldumpBackupTask().RunAsync(tasks.ContextFor(replica, ServerState.Slave), ct);

        Assert.False(outcome.Succeeded);
        Assert.Contains("exited with code 2", outcome.Result, StringComparison.Ordinal);
        Assert.Contains(tasks.Logger.Lines, line => line.Contains("restarted the replication SQL thread", StringComparison.Ordinal));
        await using var connection = await LabConnections.OpenAsync(lab, replica, ct);
        Assert.Equal("Yes", (await connection.QueryAsync($"SHOW SLAVE STATUS", ct)).Single()["Slave_SQL_Running"].GetString());
    }

    private static JsonElement ReadMetadata(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    private static async Task<string> ReadDumpAsync(string path, CancellationToken cancellationToken)
    {
        await using var dump = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(dump);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
