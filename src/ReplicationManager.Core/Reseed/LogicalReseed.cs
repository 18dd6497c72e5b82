using System.Globalization;
using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Reseed;

/// <summary>
/// The logical reseeds repman runs itself (replication-manager's <c>logicalbackup</c> and <c>logicalmaster</c>): the
/// joiner is emptied (replication forgotten, user databases dropped, its binary log reset), a stored mysqldump is
/// decompressed into it, or a dump of the primary is piped straight into it, without binary logging; then it
/// replicates from the primary after the dump's GTID. The credential goes to the tools in option files only.
/// </summary>
internal sealed class LogicalReseed(ClusterOptions cluster, JobDestinations destinations, ReseedRepoint repoint)
{
    /// <summary>How much of a live dump is kept for its position (mariadb-dump writes the GTID comment at its end).</summary>
    private const int TailBytes = 1 << 16;

    public async Task<LocalJobOutcome> RunAsync(ReseedPlan plan, CancellationToken cancellationToken)
    {
        var client = ToolLocator.Find(cluster.Backup.MysqlClientPath, "backup-mysqlclient-path", ["mariadb", "mysql"], out var missing);
        var dump = ToolLocator.Find(cluster.Backup.MysqldumpPath, "backup-mysqldump-path", ["mariadb-dump", "mysqldump"], out var missingDump);
        if (client is null || (plan.Method == ReseedMethod.LogicalMaster && dump is null))
            return LocalJobOutcome.Failure($"reseed failed at check: {missing ?? missingDump}; {plan.Joiner} is untouched");
        IReadOnlyList<string> dropped;
        await using (var admin = await repoint.OpenAsync(plan.Joiner, cancellationToken))
        {
            if (admin is null)
                return LocalJobOutcome.Failure($"reseed failed at check: {plan.Joiner} does not answer; it is untouched");
            dropped = await admin.EmptyForRestoreAsync(cancellationToken);
        }
        var emptied = dropped.Count == 0 ? "no user database to drop" : $"dropped {string.Join(", ", dropped)}";
        IReadOnlyList<string> databases = [];
        if (plan.Method == ReseedMethod.LogicalMaster)
        {
            await using var primary = await repoint.OpenAsync(plan.Primary, cancellationToken);
            if (primary is null)
                return LocalJobOutcome.Failure($"reseed failed at dump: the primary {plan.Primary} does not answer; {plan.Joiner} was emptied ({emptied}): NEEDS RESEED");
            databases = await primary.UserDatabasesAsync(cancellationToken);
            if (databases.Count == 0)
            {
                var position = (await primary.GtidBinlogPosAsync(cancellationToken)).ToString();
                var (empty, repointed) = await repoint.RepointAsync(plan, position, cancellationToken);
                return empty
                    ? LocalJobOutcome.Success($"{emptied}; the primary has no user database to dump; {repointed}")
                    : LocalJobOutcome.Failure($"{emptied}; the primary has no user database to dump; {repointed}");
            }
        }
        using var credential = ClientOptionFile.Create(cluster.Monitoring.Credential, destinations.BackupDirectory(plan.Joiner));
        var tail = Path.Combine(Path.GetDirectoryName(credential.Path)!, "dump-tail.sql");
        var (script, arguments) = plan.Method == ReseedMethod.LogicalMaster
            ? ("set -o pipefail; d=\"$1\" c=\"$2\" ph=\"$3\" pp=\"$4\" tailfile=\"$5\" cl=\"$6\" jh=\"$7\" jp=\"$8\"; shift 8; " +
               "\"$d\" --defaults-extra-file=\"$c\" --host=\"$ph\" --port=\"$pp\" --single-transaction --routines --events --triggers " +
               "--hex-blob --gtid --master-data=2 --databases \"$@\" | tee -p >(tail -c " + TailBytes.ToString(CultureInfo.InvariantCulture) + " >\"$tailfile\") | " +
               "\"$cl\" --defaults-extra-file=\"$c\" --host=\"$jh\" --port=\"$jp\" --init-command=\"SET SESSION sql_log_bin = 0\" --batch; " +
               // The tail is written by a process substitution, which bash does not wait for by itself.
               "status=$?; wait $! 2>/dev/null; exit $status",
                (IReadOnlyList<string>)[dump!, credential.Path, plan.Primary.Host, Port(plan.Primary.Port), tail, client, plan.Joiner.Host, Port(plan.Joiner.Port), .. databases])
            : ("set -o pipefail; gzip -dc \"$1\" | \"$2\" --defaults-extra-file=\"$3\" --host=\"$4\" --port=\"$5\" --init-command=\"SET SESSION sql_log_bin = 0\" --batch",
                (IReadOnlyList<string>)[plan.Source.Path, client, credential.Path, plan.Joiner.Host, Port(plan.Joiner.Port)]);
        var errors = new OutputTail([cluster.Monitoring.Credential.Password]);
        var exit = await ToolProcess.RunWithInputAsync("bash", ["-c", script, "reseed", .. arguments], Stream.Null, errors, cancellationToken);
        if (!exit.Succeeded)
            return LocalJobOutcome.Failure(
                $"reseed failed at restore ({exit.NotStartedBecause ?? "exit " + exit.ExitCode?.ToString(CultureInfo.InvariantCulture)}): {errors}; {plan.Joiner} was emptied ({emptied}): NEEDS RESEED");
        var gtid = plan.Method == ReseedMethod.LogicalMaster ? await GtidOfAsync(tail, cancellationToken) : plan.Source.Position.Gtid;
        var (replicating, message) = await repoint.RepointAsync(plan, gtid, cancellationToken);
        var restored = plan.Method == ReseedMethod.LogicalMaster ? $"a dump of {plan.Primary} restored" : $"backup {plan.Source.Id} restored";
        return replicating
            ? LocalJobOutcome.Success($"{emptied}; {restored}; {message}")
            : LocalJobOutcome.Failure($"{emptied}; {restored}; {message}");
    }

    private static async Task<string?> GtidOfAsync(string tail, CancellationToken cancellationToken)
    {
        if (!File.Exists(tail))
            return null;
        var scanner = new DumpPositionScanner();
        scanner.Feed(await File.ReadAllBytesAsync(tail, cancellationToken));
        scanner.Complete();
        return scanner.Position.Gtid;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
