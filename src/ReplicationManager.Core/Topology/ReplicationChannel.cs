namespace ReplicationManager.Core.Topology;

/// <summary>
/// One replication connection of a replica: a row of <c>SHOW ALL SLAVES STATUS</c> (MariaDB) or
/// <c>SHOW SLAVE STATUS</c> (MySQL), with the columns repman decides on and the whole row in <see cref="Columns"/>.
/// </summary>
public sealed record ReplicationChannel
{
    /// <summary><c>Connection_name</c>: empty for the default connection.</summary>
    public string ConnectionName { get; init; } = "";

    /// <summary><c>Master_Host</c> as given to CHANGE MASTER TO.</summary>
    public required string MasterHost { get; init; }

    /// <summary><c>Master_Port</c>.</summary>
    public int MasterPort { get; init; } = ServerAddress.DefaultPort;

    /// <summary><c>Slave_IO_Running</c>: <c>Yes</c>, <c>No</c>, <c>Connecting</c> (or <c>Preparing</c>).</summary>
    public string SlaveIoRunning { get; init; } = "No";

    /// <summary><c>Slave_SQL_Running</c>: <c>Yes</c> or <c>No</c>.</summary>
    public string SlaveSqlRunning { get; init; } = "No";

    /// <summary><c>Seconds_Behind_Master</c>: null while a thread is stopped or the lag is unknown.</summary>
    public long? SecondsBehindMaster { get; init; }

    /// <summary><c>Last_IO_Errno</c>: 0 when none.</summary>
    public int LastIoErrno { get; init; }

    /// <summary><c>Last_IO_Error</c>.</summary>
    public string LastIoError { get; init; } = "";

    /// <summary><c>Last_SQL_Errno</c>: 0 when none.</summary>
    public int LastSqlErrno { get; init; }

    /// <summary><c>Last_SQL_Error</c>.</summary>
    public string LastSqlError { get; init; } = "";

    /// <summary><c>Using_Gtid</c>: <c>No</c>, <c>Slave_Pos</c> or <c>Current_Pos</c> (MariaDB).</summary>
    public string UsingGtid { get; init; } = "No";

    /// <summary><c>Gtid_IO_Pos</c>: the last GTID the IO thread received (MariaDB).</summary>
    public GtidList GtidIoPos { get; init; } = GtidList.Empty;

    /// <summary><c>Gtid_Slave_Pos</c> of this row (MariaDB's SHOW ALL SLAVES STATUS).</summary>
    public GtidList GtidSlavePos { get; init; } = GtidList.Empty;

    /// <summary><c>Master_Server_Id</c>: the source's server_id, 0 until the IO thread connected once.</summary>
    public long MasterServerId { get; init; }

    /// <summary><c>Master_Log_File</c>: the source binary log the IO thread reads.</summary>
    public string MasterLogFile { get; init; } = "";

    /// <summary><c>Read_Master_Log_Pos</c>.</summary>
    public long ReadMasterLogPos { get; init; }

    /// <summary><c>Relay_Master_Log_File</c>: the source binary log of the last event the SQL thread ran.</summary>
    public string RelayMasterLogFile { get; init; } = "";

    /// <summary><c>Exec_Master_Log_Pos</c>.</summary>
    public long ExecMasterLogPos { get; init; }

    /// <summary>Every column of the row as text (null for SQL NULL), by the server's column name.</summary>
    public IReadOnlyDictionary<string, string?> Columns { get; init; } = new Dictionary<string, string?>();

    /// <summary>The source as an address, to compare with the cluster's servers.</summary>
    public ServerAddress Master => new(MasterHost, MasterPort);

    /// <summary>The IO thread is connected (<c>Yes</c>).</summary>
    public bool IsIoRunning => string.Equals(SlaveIoRunning, "Yes", StringComparison.OrdinalIgnoreCase);

    /// <summary>The IO thread is trying to connect (<c>Connecting</c> or <c>Preparing</c>): not stopped, not yet running.</summary>
    public bool IsIoConnecting => SlaveIoRunning is "Connecting" or "Preparing";

    /// <summary>The SQL thread runs.</summary>
    public bool IsSqlRunning => string.Equals(SlaveSqlRunning, "Yes", StringComparison.OrdinalIgnoreCase);
}
