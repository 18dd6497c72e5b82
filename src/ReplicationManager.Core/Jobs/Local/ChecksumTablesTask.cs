using System.Text.Json;
using ReplicationManager.Core.Logging;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>
/// <c>CHECKSUM TABLE … EXTENDED</c> of every user table (EXTENDED, as replication-manager does, so the value is read
/// from the rows on every engine and compares across servers). The values go into the job result and, written
/// atomically, into <c>{datadir}/{cluster}/{host}_{port}/checksums.json</c>. CHECKSUM TABLE is not binary-logged.
/// </summary>
public sealed class ChecksumTablesTask : ILocalTask
{
    public const string FileName = "checksums.json";

    public string Task => JobTasks.Checksum;

    public async Task<LocalJobOutcome> RunAsync(LocalTaskContext context, CancellationToken cancellationToken)
    {
        var start = context.Time.GetUtcNow();
        var reports = new List<TableReport>();
        var checksums = new SortedDictionary<string, TableChecksum>(StringComparer.Ordinal);
        await using (var connection = await TableMaintenance.OpenAsync(context, cancellationToken))
        {
            foreach (var table in await UserTables.ListAsync(connection, cancellationToken))
            {
                var report = await ChecksumAsync(connection, table, cancellationToken);
                if (report.Checksum is { } checksum)
                    checksums[report.Table] = new TableChecksum(checksum, context.Time.GetUtcNow());
                else if (report.Status == TableStatus.Failed)
                    BackupLog.TableFailed(context.Logger, Task, context.Server.Address, context.Cluster.Name, report.Table, (report.Messages.Count > 0 ? report.Messages[^1].Text : ""));
                reports.Add(report);
            }
        }
        var result = TableMaintenance.Finish(context, Task, start, reports);
        var path = Path.Combine(context.Destinations.LogDirectory(context.Server.Address), FileName);
        var file = new ChecksumFile(context.Server.Address.ToString(), result.End, checksums);
        await AtomicFile.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(file, LocalJobJson.Default.ChecksumFile), cancellationToken);
        return result.ToOutcome() with { Path = path };
    }

    private static async Task<TableReport> ChecksumAsync(MariaDbConnection connection, TableName table, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await connection.QueryAsync($"CHECKSUM TABLE {table.Quoted} EXTENDED", cancellationToken);
            if (rows.Count > 0 && !rows[0]["Checksum"].IsNull)
                return new TableReport(table.ToString(), TableStatus.Ok, [], rows[0]["Checksum"].Get<long>());
            // CHECKSUM TABLE answers NULL for a table it could not read and puts the reason in a warning.
            var warnings = await connection.QueryAsync($"SHOW WARNINGS", cancellationToken);
            var messages = warnings.Select(row => new TableMessage(row["Level"].GetString(), $"{row["Code"].GetString()}: {row["Message"].GetString()}")).ToList();
            var codes = warnings.Select(row => row["Code"].Get<long>()).ToList();
            var skipped = codes.Count > 0 && codes.All(code => code is MariaDbErrorCodes.NoSuchTable or MariaDbErrorCodes.LockWaitTimeout);
            return new TableReport(table.ToString(), skipped ? TableStatus.Skipped : TableStatus.Failed,
                messages.Count > 0 ? messages : [new TableMessage("error", "CHECKSUM TABLE returned NULL")]);
        }
        catch (MariaDbException ex) when (ex.IsServerError)
        {
            return TableReport.FromError(table, ex);
        }
    }
}
