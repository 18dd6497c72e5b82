using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Topology;

/// <summary>The database server's family, from the handshake; SQL and GTIDs differ between them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServerFlavor>))]
public enum ServerFlavor
{
    /// <summary>Not probed yet.</summary>
    Unknown,

    /// <summary>MariaDB: domain-server-sequence GTIDs, <c>SHOW ALL SLAVES STATUS</c>, <c>extra_port</c>.</summary>
    MariaDb,

    /// <summary>MySQL or a fork of it (Percona Server): UUID GTID sets, one channel list per <c>SHOW SLAVE STATUS</c>.</summary>
    MySql,
}
