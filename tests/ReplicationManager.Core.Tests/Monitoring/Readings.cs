using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Monitoring;

/// <summary>Probe readings of a MariaDB lab: a primary and replicas of it.</summary>
internal static class Readings
{
    public static ProbeResult Primary(int serverId, int port = 3306, string? extraPortReason = null) =>
        ProbeResult.Reached(Reading(serverId, [], port, extraPortReason), TimeSpan.FromMilliseconds(1));

    public static ProbeResult Replica(int serverId, string masterHost, string io = "Yes", string sql = "Yes", int port = 3306, string? extraPortReason = null) =>
        ProbeResult.Reached(Reading(serverId, [ReplicationChannelParser.Parse(new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Connection_name"] = "",
            ["Master_Host"] = masterHost,
            ["Master_Port"] = "3306",
            ["Slave_IO_Running"] = io,
            ["Slave_SQL_Running"] = sql,
            ["Seconds_Behind_Master"] = io == "Yes" && sql == "Yes" ? "0" : null,
            ["Last_SQL_Errno"] = sql == "Yes" ? "0" : "1062",
            ["Last_SQL_Error"] = sql == "Yes" ? "" : "Duplicate entry '1' for key 'PRIMARY'",
            ["Using_Gtid"] = "Slave_Pos",
        })], port, extraPortReason), TimeSpan.FromMilliseconds(1));

    public static ProbeResult Refused() => ProbeResult.Unreachable(ProbeFailure.ConnectRefused, "connect refused", TimeSpan.FromMilliseconds(1));

    public static ProbeResult AccessDenied() => ProbeResult.Unreachable(ProbeFailure.AccessDenied, "access denied (1045)", TimeSpan.FromMilliseconds(1));

    private static ProbeReading Reading(int serverId, IReadOnlyList<ReplicationChannel> channels, int port, string? extraPortReason) => new()
    {
        Port = port,
        ExtraPortReason = extraPortReason,
        VersionString = "10.11.19-MariaDB-log",
        Version = new Version(10, 11, 19),
        Flavor = ServerFlavor.MariaDb,
        Variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["SERVER_ID"] = serverId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EXTRA_PORT"] = "3307",
            ["GTID_BINLOG_STATE"] = "0-11-30",
            ["READ_ONLY"] = channels.Count > 0 ? "ON" : "OFF",
        },
        Status = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["THREADS_CONNECTED"] = "3", ["SLAVES_CONNECTED"] = "0" },
        Channels = channels,
    };
}
