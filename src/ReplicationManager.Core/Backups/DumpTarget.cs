using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Backups;

/// <summary>The server a logical backup reads, as it was just before the dump: what decides the dump's options.</summary>
/// <param name="Address">Host and port the tool connects to.</param>
/// <param name="User">The account of <c>db-servers-credential</c>.</param>
/// <param name="VersionString">The server's version text, for example <c>10.11.19-MariaDB-log</c>.</param>
/// <param name="Version">The numeric version.</param>
/// <param name="IsMariaDb">MariaDB rather than MySQL.</param>
/// <param name="IsReplica">The server replicates from a primary (it has a replication connection).</param>
/// <param name="SqlThreadsRunning">Every replication connection's SQL thread ran before the dump.</param>
/// <param name="LogBin">The binary log is on, so the dump can record the server's own coordinates.</param>
/// <param name="EventScheduler"><c>@@event_scheduler</c>: ON, OFF or DISABLED.</param>
/// <param name="Tls">TLS towards the server, when configured.</param>
internal sealed record DumpTarget(
    ServerAddress Address,
    string User,
    string VersionString,
    Version Version,
    bool IsMariaDb,
    bool IsReplica,
    bool SqlThreadsRunning,
    bool LogBin,
    string EventScheduler,
    DatabaseTlsOptions? Tls)
{
    /// <summary>The role the backup metadata records: replica, primary (binary log on) or standalone.</summary>
    public string Role => IsReplica ? "replica" : LogBin ? "primary" : "standalone";

    /// <summary>MariaDB 10.4 and later can block DDL for the time of a backup (<c>BACKUP STAGE BLOCK_DDL</c>).</summary>
    public bool SupportsBackupStages => IsMariaDb && Version >= new Version(10, 4);
}
