using System.Globalization;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// Builds the mariadb-dump (or mysqldump) command line of a logical backup: the option file first, then the
/// configured options, then what repman decides: a consistent snapshot, the binary log coordinates of the primary
/// (<c>--master-data=2</c>) or of a replica's source (<c>--dump-slave=2</c>), the GTID (<c>--gtid</c>), the connection,
/// and the jobs table left out. Pure: the same inputs give the same command.
/// </summary>
internal static class MysqldumpCommand
{
    private static readonly HashSet<string> Connection =
        ["host", "h", "port", "P", "user", "u", "socket", "S", "protocol", "password", "p",
         "defaults-file", "defaults-extra-file", "defaults-group-suffix", "no-defaults", "print-defaults"];

    private static readonly HashSet<string> Coordinates =
        ["master-data", "source-data", "dump-slave", "dump-replica", "gtid"];

    private static readonly HashSet<string> Output = ["result-file", "r", "tab", "T"];

    /// <summary>
    /// Options whose value may follow as the next token. The password's value is optional for the tool, but a token
    /// after <c>--password</c> is dropped too: it is more likely the secret than a database name.
    /// </summary>
    private static readonly HashSet<string> WithValue =
        ["host", "h", "port", "P", "user", "u", "socket", "S", "protocol", "defaults-file", "defaults-extra-file",
         "defaults-group-suffix", "result-file", "r", "tab", "T", "system", "password", "p"];

    /// <param name="executable">The tool.</param>
    /// <param name="isMariaDbTool">The tool is MariaDB's (its <c>--version</c> says so): it knows <c>--gtid</c>, <c>--system</c>, <c>--ignore-database</c>.</param>
    /// <param name="configured">The configured options (<c>backup-mysqldump-options</c>).</param>
    /// <param name="dumpSystemTables"><c>backup-logical-dump-system-tables</c>.</param>
    /// <param name="target">The server, as read just before.</param>
    /// <param name="optionFile">The option file holding the credential.</param>
    public static DumpCommand Build(string executable, bool isMariaDbTool, string configured, bool dumpSystemTables, DumpTarget target, string optionFile)
    {
        var mariaDb = isMariaDbTool && target.IsMariaDb;
        var (kept, dropped) = OptionFilter.Apply(ToolOptions.Split(configured), name => ReasonToDrop(name, dumpSystemTables, mariaDb), WithValue.Contains);
        var names = kept.Select(ToolOptions.NameOf).OfType<string>().ToHashSet();
        var notes = new List<string>();
        var arguments = new List<string> { "--defaults-extra-file=" + optionFile };
        arguments.AddRange(kept);

        if (!names.Overlaps(["single-transaction", "lock-all-tables", "x", "lock-tables", "l"]))
            arguments.Add("--single-transaction");
        if (target.IsReplica)
            arguments.Add("--dump-slave=2");
        else if (target.LogBin)
            arguments.Add("--master-data=2");
        else
            notes.Add("the binary log is off and the server is no replica: the backup records no coordinates");
        if (mariaDb)
            arguments.Add("--gtid");
        if (mariaDb && target.Version >= new Version(10, 1) && !names.Overlaps(["log-queries", "skip-log-queries"]))
            arguments.Add("--skip-log-queries");
        if (!names.Overlaps(["events", "skip-events", "E"]))
        {
            if (string.Equals(target.EventScheduler, "DISABLED", StringComparison.OrdinalIgnoreCase))
                notes.Add("event_scheduler is DISABLED: events are not dumped");
            else
                arguments.Add("--events");
        }
        if (!dumpSystemTables && names.Overlaps(["all-databases", "A"]))
        {
            if (isMariaDbTool)
                arguments.Add("--ignore-database=mysql");
            else
                notes.Add("this mysqldump cannot leave out the mysql schema (no --ignore-database): it is in the backup");
        }
        arguments.Add("--host=" + target.Address.Host);
        arguments.Add("--port=" + target.Address.Port.ToString(CultureInfo.InvariantCulture));
        arguments.Add("--user=" + target.User);
        arguments.Add("--ignore-table=replication_manager_schema.jobs");
        if (target.Tls is { } tls)
        {
            arguments.Add("--ssl-ca=" + tls.CaCertificatePath);
            arguments.Add("--ssl-verify-server-cert");
            if (tls.ClientCertificatePath.Length > 0)
                arguments.Add("--ssl-cert=" + tls.ClientCertificatePath);
            if (tls.ClientKeyPath.Length > 0)
                arguments.Add("--ssl-key=" + tls.ClientKeyPath);
        }
        return new DumpCommand(executable, arguments, dropped, notes);
    }

    private static string? ReasonToDrop(string name, bool dumpSystemTables, bool mariaDb)
    {
        if (name is "password" or "p")
            return "a password is never passed on the command line; repman passes the credential in an option file";
        if (Connection.Contains(name))
            return "repman sets the connection from db-servers-hosts and db-servers-credential";
        if (Coordinates.Contains(name))
            return "repman chooses the binary log coordinates and GTID options from the server's role";
        if (Output.Contains(name))
            return "repman reads the dump from standard output";
        if (name == "system" && !dumpSystemTables)
            return "backup-logical-dump-system-tables is false: the mysql schema and its system tables stay out of the backup";
        if (name == "system" && !mariaDb)
            return "--system is an option of MariaDB's mariadb-dump against a MariaDB server";
        return null;
    }
}
