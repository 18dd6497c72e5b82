using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>Reads a replication channel's threads the way replication-manager's replication check does.</summary>
internal static class ReplicationHealth
{
    /// <summary>
    /// Which thread is stopped and why, for example <c>SQL thread stopped (1062: Duplicate entry ...)</c>; null when
    /// both run (an IO thread that is connecting counts as running, as in replication-manager).
    /// </summary>
    public static string? StoppedThreads(ReplicationChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var ioStopped = !channel.IsIoRunning && !channel.IsIoConnecting;
        var sqlStopped = !channel.IsSqlRunning;
        return (ioStopped, sqlStopped) switch
        {
            (true, true) => "IO and SQL threads stopped" + Error(channel.LastIoErrno, channel.LastIoError) + Error(channel.LastSqlErrno, channel.LastSqlError),
            (true, false) => "IO thread stopped" + Error(channel.LastIoErrno, channel.LastIoError),
            (false, true) => "SQL thread stopped" + Error(channel.LastSqlErrno, channel.LastSqlError),
            _ => null,
        };
    }

    private static string Error(int errno, string error) => errno == 0 && error.Length == 0 ? "" : $" ({errno}: {error})";
}
