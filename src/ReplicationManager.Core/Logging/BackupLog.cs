using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Logging;

/// <summary>Log lines of logical backups (event ids 4000-4099) and of the other tasks repman runs itself (4100-4199).</summary>
internal static partial class BackupLog
{
    [LoggerMessage(4001, LogLevel.Information, "Logical backup {Backup} of {Server} of {Cluster} started")]
    public static partial void Started(ILogger logger, string backup, ServerAddress server, string cluster);

    [LoggerMessage(4002, LogLevel.Information, "Logical backup {Backup} of {Server} of {Cluster} completed: {Bytes} bytes, GTID {Gtid}, binary log {BinlogFile}:{BinlogPos}")]
    public static partial void Completed(ILogger logger, string backup, ServerAddress server, string cluster, long bytes, string? gtid, string? binlogFile, long? binlogPos);

    [LoggerMessage(4003, LogLevel.Warning, "Logical backup {Backup} of {Server} of {Cluster} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string backup, ServerAddress server, string cluster, string reason);

    [LoggerMessage(4004, LogLevel.Information, "Logical backup of {Server} of {Cluster}: option {Option} not passed to {Tool}: {Reason}")]
    public static partial void OptionDropped(ILogger logger, ServerAddress server, string cluster, string tool, string option, string reason);

    [LoggerMessage(4005, LogLevel.Information, "Backup {Backup} of {Server} of {Cluster} removed by retention")]
    public static partial void Pruned(ILogger logger, string backup, ServerAddress server, string cluster);

    [LoggerMessage(4006, LogLevel.Warning, "Backup retention of {Server} of {Cluster} could not remove {Failure}")]
    public static partial void PruneFailed(ILogger logger, ServerAddress server, string cluster, string failure);

    [LoggerMessage(4007, LogLevel.Warning, "Logical backup of {Server} of {Cluster}: {Reason}")]
    public static partial void DdlNotBlocked(ILogger logger, ServerAddress server, string cluster, string reason);

    [LoggerMessage(4008, LogLevel.Debug, "{Tool} on {Server}: {Line}")]
    public static partial void ToolOutput(ILogger logger, string tool, ServerAddress server, string line);

    [LoggerMessage(4009, LogLevel.Information, "Logical backup {Backup} of {Server} of {Cluster} cancelled; its partial files were removed")]
    public static partial void Cancelled(ILogger logger, string backup, ServerAddress server, string cluster);

    [LoggerMessage(4010, LogLevel.Warning, "Logical backup of {Server} of {Cluster}: {Action}")]
    public static partial void ReplicationRestarted(ILogger logger, ServerAddress server, string cluster, string action);

    [LoggerMessage(4011, LogLevel.Error, "Logical backup of {Server} of {Cluster}: the replication the dump stopped could not be checked or restarted: {Reason}")]
    public static partial void ReplicationNotRestarted(ILogger logger, ServerAddress server, string cluster, string reason);

    [LoggerMessage(4012, LogLevel.Warning, "Backup {Path} of {Server} of {Cluster} removed at start: its process died before the backup was checked and listed ({Bytes} bytes)")]
    public static partial void UnlistedBackupRemoved(ILogger logger, string path, ServerAddress server, string cluster, long bytes);

    [LoggerMessage(4101, LogLevel.Information, "Task {Task} on {Server} of {Cluster}: {Summary}")]
    public static partial void TaskCompleted(ILogger logger, string task, ServerAddress server, string cluster, string summary);

    [LoggerMessage(4102, LogLevel.Warning, "Task {Task} on {Server} of {Cluster}: {Table} failed: {Reason}")]
    public static partial void TableFailed(ILogger logger, string task, ServerAddress server, string cluster, string table, string reason);

    [LoggerMessage(4103, LogLevel.Information, "Log table {Table} of {Server} of {Cluster} rotated into {Copy} ({Rows} rows)")]
    public static partial void LogTableRotated(ILogger logger, string table, ServerAddress server, string cluster, string copy, long rows);

    [LoggerMessage(4104, LogLevel.Information, "Schema snapshot of {Server} of {Cluster}: statistics of {Tables} skipped, not readable without waiting for a metadata lock")]
    public static partial void SnapshotSkipped(ILogger logger, ServerAddress server, string cluster, string tables);

    [LoggerMessage(4105, LogLevel.Warning, "Task {Task} on {Server} of {Cluster} failed: {Reason}")]
    public static partial void TaskFailed(ILogger logger, string task, ServerAddress server, string cluster, string reason);
}
