using ReplicationManager.Core.Topology;

namespace ReplicationManager.Server.Tests.Fakes;

/// <summary>Canned snapshots shaped like the lab: primary 127.0.0.11, replicas .12 and .13, cluster "lab".</summary>
internal static class LabSnapshots
{
    public const string Cluster = "lab";

    public static readonly ServerAddress Primary = new("127.0.0.11", 3306);
    public static readonly ServerAddress Replica2 = new("127.0.0.12", 3306);
    public static readonly ServerAddress Replica3 = new("127.0.0.13", 3306);

    public static ClusterSnapshot Healthy(string name = Cluster) => new()
    {
        Name = name,
        Time = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero),
        Tick = 42,
        Servers = [PrimaryServer(), ReplicaServer(Replica2, 12), ReplicaServer(Replica3, 13)],
        PrimaryAddress = Primary,
        Replicas = [Replica2, Replica3],
    };

    /// <summary>The healthy cluster with one server replaced.</summary>
    public static ClusterSnapshot With(ServerSnapshot server, ClusterSnapshot? cluster = null)
    {
        cluster ??= Healthy();
        return cluster with { Servers = cluster.Servers.Select(s => s.Address == server.Address ? server : s).ToList() };
    }

    public static ServerSnapshot PrimaryServer() => Server(Primary, 11) with
    {
        State = ServerState.Master,
        PreviousState = ServerState.Unknown,
        ReadOnly = false,
        BinlogPosition = new BinlogPosition("mariadb-bin.000003", 4521),
        ReplicaHosts = [new ReplicaHost(12, "127.0.0.12", 3306), new ReplicaHost(13, "127.0.0.13", 3306)],
    };

    public static ServerSnapshot ReplicaServer(ServerAddress address, long serverId) => Server(address, serverId) with
    {
        State = ServerState.Slave,
        PreviousState = ServerState.Unknown,
        ReadOnly = true,
        GtidSlavePos = GtidList.ParseOrEmpty("0-11-30"),
        ReplicationChannels = [Channel()],
    };

    public static ReplicationChannel Channel(string io = "Yes", string sql = "Yes", long? lag = 0) => new()
    {
        MasterHost = Primary.Host,
        MasterPort = Primary.Port,
        SlaveIoRunning = io,
        SlaveSqlRunning = sql,
        SecondsBehindMaster = lag,
        UsingGtid = "Slave_Pos",
        GtidIoPos = GtidList.ParseOrEmpty("0-11-30"),
        MasterServerId = 11,
        MasterLogFile = "mariadb-bin.000003",
        ReadMasterLogPos = 4521,
        RelayMasterLogFile = "mariadb-bin.000003",
        ExecMasterLogPos = 4521,
        Columns = new Dictionary<string, string?>
        {
            ["Connection_name"] = "",
            ["Master_Host"] = Primary.Host,
            ["Master_User"] = "repl",
            ["Master_Port"] = "3306",
            ["Slave_IO_Running"] = io,
            ["Slave_SQL_Running"] = sql,
            ["Seconds_Behind_Master"] = lag?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Using_Gtid"] = "Slave_Pos",
            ["Gtid_IO_Pos"] = "0-11-30",
            ["Slave_Heartbeat_Period"] = "30.000",
            ["Replicate_Do_DB"] = "",
        },
    };

    private static ServerSnapshot Server(ServerAddress address, long serverId) => new()
    {
        Address = address,
        MonitoringPort = address.Port,
        LastProbe = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero),
        LastSeen = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero),
        VersionString = "10.11.19-MariaDB-0+deb12u1",
        Flavor = ServerFlavor.MariaDb,
        Version = new Version(10, 11, 19),
        ServerId = serverId,
        LogBin = true,
        BinlogFormat = "ROW",
        LogSlaveUpdates = true,
        GtidStrictMode = true,
        GtidBinlogPos = GtidList.ParseOrEmpty("0-11-30"),
        GtidCurrentPos = GtidList.ParseOrEmpty("0-11-30"),
        Variables = new Dictionary<string, string>
        {
            ["SERVER_ID"] = serverId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["READ_ONLY"] = "OFF",
            ["GTID_DOMAIN_ID"] = "0",
            ["LOG_BIN"] = "ON",
        },
        Status = new Dictionary<string, string>
        {
            ["UPTIME"] = "1234",
            ["THREADS_CONNECTED"] = "3",
        },
    };
}
