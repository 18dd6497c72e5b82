using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Reseed;

/// <summary>A stored backup a reseed can send: its file, what it holds, and the position the joiner replicates from.</summary>
/// <param name="Id">The backup's id (<c>mariabackup_20261206T101500Z</c>).</param>
/// <param name="Tool">The tool that made it (mariabackup, xtrabackup).</param>
/// <param name="Server">The server it was taken from.</param>
/// <param name="Path">The xbstream file.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Taken">When it ended.</param>
/// <param name="Position">The GTID and binary log position it is consistent with.</param>
public sealed record ReseedSource(string Id, string Tool, ServerAddress Server, string Path, long Bytes, DateTimeOffset Taken, BackupPosition Position)
{
    /// <summary>The joiner's task that receives this source.</summary>
    public string JoinerTask => Tool == JobTasks.Xtrabackup ? JobTasks.ReseedXtrabackup : JobTasks.ReseedMariabackup;

    /// <summary>A fresh physical backup of a live donor, relayed to the joiner as repman receives it.</summary>
    public static ReseedSource LiveBackupOf(ServerAddress donor, string tool) =>
        new($"a fresh {tool} of {donor}", tool, donor, "", 0, DateTimeOffset.UnixEpoch, new BackupPosition(null, null, null));

    /// <summary>The backup is taken now from a live donor (nothing is stored yet).</summary>
    public bool IsLive => Path.Length == 0 && Tool is JobTasks.Mariabackup or JobTasks.Xtrabackup;

    /// <summary>The source of a <c>logicalmaster</c> reseed: a dump of the primary made as it is restored.</summary>
    public static ReseedSource DumpOf(ServerAddress primary) =>
        new($"a dump of {primary}", JobTasks.Mysqldump, primary, "", 0, DateTimeOffset.UnixEpoch, new BackupPosition(null, null, null));

    public override string ToString() => $"{Id} of {Server} ({Bytes} bytes, GTID {Position.Gtid ?? "-"})";
}
