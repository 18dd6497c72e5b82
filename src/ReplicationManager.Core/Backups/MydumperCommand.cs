using System.Globalization;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// Builds the mydumper command line of a logical backup: the option file first, then the configured options this
/// mydumper knows (its <c>--help</c> lists them; option names changed between 0.10 and 0.16), then the output
/// directory, threads, connection and the regular expression that leaves out the jobs table (and the system schemas
/// unless <c>backup-logical-dump-system-tables</c>). Pure: the same inputs give the same command.
/// </summary>
internal static class MydumperCommand
{
    private static readonly HashSet<string> Connection =
        ["host", "h", "port", "P", "user", "u", "socket", "S", "defaults-file", "defaults-extra-file", "ask-password", "a"];

    private static readonly HashSet<string> Managed = ["outputdir", "o", "threads", "t", "regex", "x", "daemon", "D", "logfile", "L"];

    /// <summary>Tables never dumped: the jobs table is repman's queue, not data (Go leaves it out the same way).</summary>
    public const string JobsTableExcluded = @"replication_manager_schema\.jobs$";

    /// <param name="executable">The tool.</param>
    /// <param name="knownOptions">The long and short option names of this mydumper, from its help.</param>
    /// <param name="configured">The configured options (<c>backup-mydumper-options</c>).</param>
    /// <param name="threads"><c>backup-logical-dump-threads</c>.</param>
    /// <param name="dumpSystemTables"><c>backup-logical-dump-system-tables</c>.</param>
    /// <param name="target">The server, as read just before.</param>
    /// <param name="optionFile">The option file holding the credential.</param>
    /// <param name="outputDirectory">The hidden directory the dump is written into.</param>
    public static DumpCommand Build(string executable, IReadOnlySet<string> knownOptions, string configured, int threads,
        bool dumpSystemTables, DumpTarget target, string optionFile, string outputDirectory)
    {
        var (kept, dropped) = OptionFilter.Apply(ToolOptions.Split(configured), name => ReasonToDrop(name, knownOptions), _ => true);
        var arguments = new List<string> { "--defaults-file=" + optionFile };
        arguments.AddRange(kept);
        arguments.Add("--outputdir=" + outputDirectory);
        arguments.Add("--threads=" + threads.ToString(CultureInfo.InvariantCulture));
        arguments.Add("--host=" + target.Address.Host);
        arguments.Add("--port=" + target.Address.Port.ToString(CultureInfo.InvariantCulture));
        arguments.Add("--user=" + target.User);
        arguments.Add("--regex=" + Regex(dumpSystemTables));
        if (target.Tls is { } tls)
        {
            arguments.Add("--ssl");
            arguments.Add("--ca=" + tls.CaCertificatePath);
            if (tls.ClientCertificatePath.Length > 0)
                arguments.Add("--cert=" + tls.ClientCertificatePath);
            if (tls.ClientKeyPath.Length > 0)
                arguments.Add("--key=" + tls.ClientKeyPath);
        }
        return new DumpCommand(executable, arguments, dropped, []);
    }

    /// <summary>The <c>db.table</c> expression of what is dumped: everything but the jobs table, and the system schemas unless asked for.</summary>
    public static string Regex(bool dumpSystemTables) =>
        dumpSystemTables ? $"^(?!({JobsTableExcluded}))" : $@"^(?!({JobsTableExcluded}|mysql\.|sys\.))";

    private static string? ReasonToDrop(string name, IReadOnlySet<string> knownOptions)
    {
        if (name is "password" or "p")
            return "a password is never passed on the command line; repman passes the credential in an option file";
        if (Connection.Contains(name))
            return "repman sets the connection from db-servers-hosts and db-servers-credential";
        if (Managed.Contains(name))
            return "repman sets the output directory, threads, table filter and logging of the dump";
        if (!knownOptions.Contains(name))
            return "this mydumper does not know it (not in mydumper --help)";
        return null;
    }
}
