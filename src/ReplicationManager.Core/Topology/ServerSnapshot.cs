using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Topology;

/// <summary>
/// What repman knows of one database server after a monitoring tick: what the latest probe read, and the state
/// derived from it and from the rest of the cluster. Immutable; each tick publishes new snapshots.
/// After a restart, the last saved snapshot is shown with <see cref="IsFromSavedState"/> until the first probe.
/// </summary>
public sealed record ServerSnapshot
{
    /// <summary>The server as configured in <c>db-servers-hosts</c>.</summary>
    public required ServerAddress Address { get; init; }

    /// <summary>replication-manager's id of the server, <c>db</c> + CRC-64 of <c>host:port</c> (see <see cref="ServerIdentity"/>).</summary>
    public string Id => ServerIdentity.IdOf(Address);

    /// <summary>The current state.</summary>
    public ServerState State { get; init; } = ServerState.Unknown;

    /// <summary>The state before the latest change of <see cref="State"/>.</summary>
    public ServerState PreviousState { get; init; } = ServerState.Unknown;

    /// <summary>Why the server is in its state, in a sentence (for example <c>connect refused</c>, <c>SQL thread stopped</c>).</summary>
    public string? StateReason { get; init; }

    /// <summary>Consecutive failed probes; 0 when the latest probe succeeded.</summary>
    public int FailCount { get; init; }

    /// <summary>When the latest probe ran (successful or not); null before the first one.</summary>
    public DateTimeOffset? LastProbe { get; init; }

    /// <summary>When the latest successful probe ran.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>Loaded from <c>serverstate.json</c> at start and not probed since.</summary>
    public bool IsFromSavedState { get; init; }

    /// <summary>An operator put the server in maintenance.</summary>
    public bool IsInMaintenance { get; init; }

    /// <summary>The port repman monitors the server through: the configured port, or its <c>extra_port</c>.</summary>
    public int MonitoringPort { get; init; }

    /// <summary>Why monitoring goes through the extra port (for example "too many connections (1040) on 3306"); null when it does not.</summary>
    public string? ExtraPortReason { get; init; }

    /// <summary>Monitoring goes through <c>extra_port</c> because the main port refuses.</summary>
    [JsonIgnore]
    public bool UsesExtraPort => ExtraPortReason is not null;

    /// <summary>The error of the latest failed probe or query, or null.</summary>
    public string? LastError { get; init; }

    /// <summary>The version text from the handshake, for example <c>10.11.19-MariaDB-0+deb12u1</c>.</summary>
    public string VersionString { get; init; } = "";

    /// <summary>MariaDB or MySQL.</summary>
    public ServerFlavor Flavor { get; init; }

    /// <summary>The numeric version, for example 10.11.19.</summary>
    public Version? Version { get; init; }

    /// <summary><c>server_id</c>.</summary>
    public long? ServerId { get; init; }

    /// <summary><c>read_only</c> is ON.</summary>
    public bool ReadOnly { get; init; }

    /// <summary><c>log_bin</c> is ON.</summary>
    public bool LogBin { get; init; }

    /// <summary><c>binlog_format</c>: ROW, MIXED or STATEMENT.</summary>
    public string BinlogFormat { get; init; } = "";

    /// <summary><c>log_slave_updates</c> is ON: replicated transactions are written to this server's binary log.</summary>
    public bool LogSlaveUpdates { get; init; }

    /// <summary><c>gtid_strict_mode</c> is ON (MariaDB).</summary>
    public bool GtidStrictMode { get; init; }

    /// <summary><c>gtid_binlog_pos</c>: the last GTID of each domain in this server's binary log.</summary>
    public GtidList GtidBinlogPos { get; init; } = GtidList.Empty;

    /// <summary><c>gtid_binlog_state</c>: the last GTID of each domain and writer in the binary log; errant GTIDs show here.</summary>
    public GtidList GtidBinlogState { get; init; } = GtidList.Empty;

    /// <summary><c>gtid_current_pos</c>: the last GTID applied or written, per domain.</summary>
    public GtidList GtidCurrentPos { get; init; } = GtidList.Empty;

    /// <summary><c>gtid_slave_pos</c>: the last GTID applied by replication, per domain.</summary>
    public GtidList GtidSlavePos { get; init; } = GtidList.Empty;

    /// <summary><c>SHOW MASTER STATUS</c>: the current binary log position, null when the binary log is off.</summary>
    public BinlogPosition? BinlogPosition { get; init; }

    /// <summary><c>extra_port</c>: the second port MariaDB listens on (0 when disabled); null when unknown.</summary>
    public int? ExtraPort { get; init; }

    /// <summary><c>max_connections</c>.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Status <c>Threads_connected</c>.</summary>
    public long? ThreadsConnected { get; init; }

    /// <summary>Status <c>Threads_running</c>.</summary>
    public long? ThreadsRunning { get; init; }

    /// <summary>The global variables repman reads, by upper-case name (<c>SERVER_ID</c>, <c>READ_ONLY</c>...).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>The global status values repman reads, by upper-case name (<c>THREADS_CONNECTED</c>, <c>UPTIME</c>...).</summary>
    public IReadOnlyDictionary<string, string> Status { get; init; } = new Dictionary<string, string>();

    /// <summary>The replication connections of this server; empty when it replicates from nothing.</summary>
    public IReadOnlyList<ReplicationChannel> ReplicationChannels { get; init; } = [];

    /// <summary>The replicas connected to this server (<c>SHOW SLAVE HOSTS</c>); read when it has any.</summary>
    public IReadOnlyList<ReplicaHost> ReplicaHosts { get; init; } = [];

    /// <summary>The replication connection repman follows: the default (unnamed) one, else the first; null for none.</summary>
    [JsonIgnore]
    public ReplicationChannel? Replication =>
        ReplicationChannels.FirstOrDefault(c => c.ConnectionName.Length == 0) ?? (ReplicationChannels.Count > 0 ? ReplicationChannels[0] : null);

    /// <summary>The latest probe since start reached the server and read it.</summary>
    [JsonIgnore]
    public bool IsReachable => !IsFromSavedState && State != ServerState.Unknown && !State.IsUnreachable();
}
