using System.Globalization;
using System.Text.Json;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Backups.RestoreChecks;

/// <summary>
/// Proves that a backup restores (beyond replication-manager): it is restored into a scratch server on the repman
/// host, which must start, replicate from the primary after the backup's GTID up to where the primary is, and then
/// hold the primary's data (CHECKSUM TABLE of every user table, compared while the primary does not move). The
/// result, with the time it took to be usable (RTO) and the age of the data (RPO), is written beside the backup; a
/// backup that failed is never offered as a reseed source.
/// </summary>
internal sealed class RestoreCheck(ClusterOptions cluster, IClusterRegistry registry, string scratchRoot, TimeProvider time)
{
    // One scratch server at a time in this repman: clusters share the address and port.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan CatchUpWithin = TimeSpan.FromMinutes(10);
    private const int CompareTries = 3;

    public async Task<LocalJobOutcome> RunAsync(string metadataPath, CancellationToken cancellationToken)
    {
        var metadata = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(metadataPath, cancellationToken), BackupJsonContext.Default.BackupMetadata)
            ?? throw new IOException($"{metadataPath} is empty");
        await OneAtATime.WaitAsync(cancellationToken);
        RestoreCheckResult result;
        var started = time.GetUtcNow();
        try
        {
            result = await CheckAsync(metadata, Path.Combine(Path.GetDirectoryName(metadataPath)!, metadata.Artifact), started, cancellationToken);
        }
        finally
        {
            OneAtATime.Release();
        }
        await result.WriteForAsync(metadataPath, cancellationToken);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"restore check of {metadata.Id}: {(result.Passed ? "passed" : "FAILED at " + result.Step)}; {result.Message}; RTO {(result.RtoSeconds is { } rto ? $"{rto:0.#}s" : "-")}, RPO {result.RpoSeconds:0}s");
        return result.Passed ? LocalJobOutcome.Success(summary) : LocalJobOutcome.Failure(summary);
    }

    private async Task<RestoreCheckResult> CheckAsync(BackupMetadata backup, string artifact, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var rpo = Math.Max(0, (started - backup.End).TotalSeconds);
        RestoreCheckResult Result(bool passed, string step, string message, int? compared = null) =>
            new(started, passed, step, message, passed || step is "compare" ? Elapsed() : null, rpo, compared);
        double? caughtUp = null;
        double Elapsed() => caughtUp ?? (time.GetUtcNow() - started).TotalSeconds;

        var directory = Path.Combine(scratchRoot, cluster.Name);
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        var data = Path.Combine(directory, "data");
        Directory.CreateDirectory(data);
        if (await RestoreFilesAsync(backup, artifact, data, cancellationToken) is { } restoreFailure)
        {
            Directory.Delete(directory, recursive: true);
            return Result(false, "restore", restoreFailure);
        }
        await using var scratch = await ScratchServer.StartAsync(cluster.Backup.RestoreCheck, directory, data, cancellationToken);
        await using var session = await scratch.ConnectAsync(cluster.Monitoring, StartWithin, time, cancellationToken);
        if (session is null)
            return Result(false, "start", $"the scratch server did not start on the restored data: {scratch.ErrorTail()}");
        if (backup.Tool == JobTasks.Mysqldump && await LoadDumpAsync(artifact, cancellationToken) is { } loadFailure)
            return Result(false, "restore", loadFailure);
        if (registry.GetSnapshot(cluster.Name)?.Primary is not { IsReachable: true } primary || !GtidList.TryParse(backup.Gtid, out var gtid) || gtid.IsEmpty)
            return Result(true, "start", "restored and started; not replicated (no reachable primary or no GTID in the backup)");
        await using var source = await MariaDbConnection.OpenAsync(DatabaseConnections.For(cluster.Monitoring, primary.Address.Host, primary.Address.Port,
            TimeSpan.FromMinutes(10), "repman-restore-check"), cancellationToken);
        await session.ExecuteAsync($"SET GLOBAL gtid_slave_pos = {gtid.ToString()}", cancellationToken);
        var replication = cluster.Monitoring.ReplicationCredential ?? cluster.Monitoring.Credential;
        await session.ExecuteAsync($"""
            CHANGE MASTER TO MASTER_HOST = {primary.Address.Host}, MASTER_PORT = {primary.Address.Port}, MASTER_USER = {replication.User},
              MASTER_PASSWORD = {replication.Password}, MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1
            """, cancellationToken);
        for (var attempt = 1; attempt <= CompareTries; attempt++)
        {
            var target = await source.QueryScalarAsync<string>($"SELECT @@GLOBAL.gtid_binlog_pos", cancellationToken);
            await session.ExecuteAsync($"STOP SLAVE", cancellationToken);
            await session.ExecuteAsync($"START SLAVE UNTIL master_gtid_pos = {target}", cancellationToken);
            var reached = await session.QueryScalarAsync<long?>($"SELECT MASTER_GTID_WAIT({target}, {CatchUpWithin.TotalSeconds})", cancellationToken);
            if (reached != 0)
                return Result(false, "replicate", $"did not replicate from {primary.Address} up to {target} within {CatchUpWithin.TotalMinutes:0} minutes: {await ReplicationErrorAsync(session, cancellationToken)}");
            caughtUp ??= (time.GetUtcNow() - started).TotalSeconds;
            var (compared, mismatches) = await CompareAsync(source, session, cancellationToken);
            if (await source.QueryScalarAsync<string>($"SELECT @@GLOBAL.gtid_binlog_pos", cancellationToken) != target)
                continue;
            return mismatches.Count == 0
                ? Result(true, "done", $"restored, started, replicated from {primary.Address} up to {target}; {compared} tables match the primary", compared)
                : Result(false, "compare", $"after replicating up to {target}, tables differ from the primary: {string.Join(", ", mismatches.Take(10))}", compared);
        }
        return Result(true, "replicate", $"restored, started and replicated from {primary.Address}; not compared: the primary kept writing during {CompareTries} tries");
    }

    private static async Task<string?> RestoreFilesAsync(BackupMetadata backup, string artifact, string data, CancellationToken cancellationToken)
    {
        if (StreamedBackup.IsPhysical(backup.Tool))
        {
            var (extractor, tool) = backup.Tool == JobTasks.Xtrabackup ? ("xbstream", "xtrabackup") : ("mbstream", "mariabackup");
            await using var input = File.OpenRead(artifact);
            var extract = await ToolProcess.RunWithInputAsync(extractor, ["-x", "-C", data], input, new OutputTail([]), cancellationToken);
            if (!extract.Succeeded)
                return $"{extractor} -x failed: {extract.NotStartedBecause ?? extract.Errors.ToString()}";
            var prepare = await ToolProcess.RunWithInputAsync(tool, ["--prepare", $"--target-dir={data}"], Stream.Null, new OutputTail([]), cancellationToken);
            return prepare.Succeeded ? null : $"{tool} --prepare failed: {prepare.NotStartedBecause ?? prepare.Errors.ToString()}";
        }
        if (backup.Tool != JobTasks.Mysqldump)
            return $"a restore check of a {backup.Tool} backup is not available in this version of repman";
        var install = await ToolProcess.RunWithInputAsync("mariadb-install-db", ["--no-defaults", $"--datadir={data}", "--skip-test-db", "--user=mysql"],
            Stream.Null, new OutputTail([]), cancellationToken);
        return install.Succeeded ? null : $"mariadb-install-db failed: {install.NotStartedBecause ?? install.Errors.ToString()}";
    }

    private async Task<string?> LoadDumpAsync(string artifact, CancellationToken cancellationToken)
    {
        var options = cluster.Backup.RestoreCheck;
        var client = ToolLocator.Find(cluster.Backup.MysqlClientPath, "backup-mysqlclient-path", ["mariadb", "mysql"], out var missing);
        if (client is null)
            return missing;
        var errors = new OutputTail([]);
        var load = await ToolProcess.RunWithInputAsync("bash",
            ["-c", "set -o pipefail; gzip -dc \"$1\" | \"$2\" --no-defaults --protocol=tcp --host=\"$3\" --port=\"$4\" --user=restore-check --batch", "load", artifact, client,
                options.Address, options.Port.ToString(CultureInfo.InvariantCulture)],
            Stream.Null, errors, cancellationToken);
        return load.Succeeded ? null : $"loading the dump failed: {load.NotStartedBecause ?? errors.ToString()}";
    }

    private static async Task<(int Compared, List<string> Mismatches)> CompareAsync(MariaDbConnection source, MariaDbConnection scratch, CancellationToken cancellationToken)
    {
        // repman's own jobs table is written on each server without the binary log: it differs between servers by design.
        var tables = await source.QueryAsync($"""
            SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'
              AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys', 'replication_manager_schema')
            ORDER BY TABLE_SCHEMA, TABLE_NAME
            """, cancellationToken);
        var mismatches = new List<string>();
        foreach (var row in tables)
        {
            var (schema, name) = (row["TABLE_SCHEMA"].GetString(), row["TABLE_NAME"].GetString());
            var expected = await ChecksumAsync(source, schema, name, cancellationToken);
            string? actual;
            try
            {
                actual = await ChecksumAsync(scratch, schema, name, cancellationToken);
            }
            catch (MariaDbException ex)
            {
                actual = $"missing ({ex.Message})";
            }
            if (expected != actual)
                mismatches.Add($"{schema}.{name} ({actual} instead of {expected})");
        }
        return (tables.Count, mismatches);
    }

    private static async Task<string?> ChecksumAsync(MariaDbConnection connection, string schema, string table, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync($"CHECKSUM TABLE {Sql.Identifier(schema, table)} EXTENDED", cancellationToken);
        return rows.Count == 0 || rows[0]["Checksum"].IsNull ? null : rows[0]["Checksum"].GetString();
    }

    private static async Task<string> ReplicationErrorAsync(MariaDbConnection session, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync($"SHOW SLAVE STATUS", cancellationToken);
        if (rows.Count == 0)
            return "no replication";
        var row = rows[0];
        return $"IO {row["Slave_IO_Running"].GetString()}, SQL {row["Slave_SQL_Running"].GetString()}, {row["Last_IO_Error"].GetString()} {row["Last_SQL_Error"].GetString()}".Trim();
    }
}
