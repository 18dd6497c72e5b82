using System.Globalization;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api.Contracts;

namespace ReplicationManager.Server.Api.Mapping;

/// <summary>A replication connection in replication-manager's JSON: from the row's own columns where the server sent them.</summary>
internal static class SlaveStatusMapper
{
    public static SlaveStatusJson ToJson(ReplicationChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        GoNullString Column(string name, string? fallback = null) =>
            channel.Columns.TryGetValue(name, out var value) ? GoNullString.Of(value) : GoNullString.Of(fallback);
        return new SlaveStatusJson
        {
            ConnectionName = Column("Connection_name", channel.ConnectionName),
            ChannelName = Column("Channel_Name"),
            MasterHost = Column("Master_Host", channel.MasterHost),
            MasterUser = Column("Master_User"),
            MasterPort = Column("Master_Port", Text(channel.MasterPort)),
            MasterLogFile = Column("Master_Log_File", channel.MasterLogFile),
            ReadMasterLogPos = Column("Read_Master_Log_Pos", Text(channel.ReadMasterLogPos)),
            RelayMasterLogFile = Column("Relay_Master_Log_File", channel.RelayMasterLogFile),
            SlaveIoRunning = Column("Slave_IO_Running", channel.SlaveIoRunning),
            SlaveSqlRunning = Column("Slave_SQL_Running", channel.SlaveSqlRunning),
            ExecMasterLogPos = Column("Exec_Master_Log_Pos", Text(channel.ExecMasterLogPos)),
            SecondsBehindMaster = GoNullInt64.Of(channel.SecondsBehindMaster),
            LastIoErrno = Column("Last_IO_Errno", Text(channel.LastIoErrno)),
            LastIoError = Column("Last_IO_Error", channel.LastIoError),
            LastSqlErrno = Column("Last_SQL_Errno", Text(channel.LastSqlErrno)),
            LastSqlError = Column("Last_SQL_Error", channel.LastSqlError),
            MasterServerId = channel.MasterServerId > 0 ? (ulong)channel.MasterServerId : 0,
            UsingGtid = Column("Using_Gtid", channel.UsingGtid),
            GtidIoPos = Column("Gtid_IO_Pos", channel.GtidIoPos.ToString()),
            GtidSlavePos = Column("Gtid_Slave_Pos", channel.GtidSlavePos.ToString()),
            SlaveHeartbeatPeriod = channel.Columns.TryGetValue("Slave_Heartbeat_Period", out var period)
                && double.TryParse(period, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0,
            ExecutedGtidSet = Column("Executed_Gtid_Set"),
            RetrievedGtidSet = Column("Retrieved_Gtid_Set"),
            SlaveSqlRunningState = Column("Slave_SQL_Running_State"),
            PostgresExternalId = GoNullString.Of(null),
            ReplicateDoDomainIds = Column("Replicate_Do_Domain_Ids"),
            ReplicateIgnoreDomainIds = Column("Replicate_Ignore_Domain_Ids"),
            ReplicateIgnoreServerIds = Column("Replicate_Ignore_Server_Ids"),
            ReplicateDoDb = Column("Replicate_Do_DB"),
            ReplicateIgnoreDb = Column("Replicate_Ignore_DB"),
            ReplicateDoTable = Column("Replicate_Do_Table"),
            ReplicateIgnoreTable = Column("Replicate_Ignore_Table"),
            ReplicateWildDoTable = Column("Replicate_Wild_Do_Table"),
            ReplicateWildIgnoreTable = Column("Replicate_Wild_Ignore_Table"),
        };
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
