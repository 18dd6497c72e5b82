using ReplicationManager.Core.Monitoring;

namespace ReplicationManager.Core.Tests.Monitoring;

public sealed class ReplicationChannelParserTests
{
    [Fact]
    public void ReadsMariaDbColumns()
    {
        var channel = ReplicationChannelParser.Parse(Row(
            ("Connection_name", ""), ("Master_Host", "127.0.0.11"), ("Master_Port", "3306"), ("Slave_IO_Running", "Yes"),
            ("Slave_SQL_Running", "No"), ("Seconds_Behind_Master", null), ("Last_SQL_Errno", "1062"), ("Last_SQL_Error", "Duplicate entry"),
            ("Using_Gtid", "Slave_Pos"), ("Gtid_IO_Pos", "0-11-30"), ("Gtid_Slave_Pos", "0-11-29"), ("Master_Server_Id", "11"),
            ("Exec_Master_Log_Pos", "4567"), ("Read_Master_Log_Pos", "5678"), ("Relay_Master_Log_File", "binlog.000002")));

        Assert.Equal(("127.0.0.11", 3306, "Yes", "No"), (channel.MasterHost, channel.MasterPort, channel.SlaveIoRunning, channel.SlaveSqlRunning));
        Assert.Null(channel.SecondsBehindMaster);
        Assert.Equal((1062, "Duplicate entry"), (channel.LastSqlErrno, channel.LastSqlError));
        Assert.Equal(("0-11-30", "0-11-29", 11L), (channel.GtidIoPos.ToString(), channel.GtidSlavePos.ToString(), channel.MasterServerId));
        Assert.Equal((4567L, 5678L, "binlog.000002"), (channel.ExecMasterLogPos, channel.ReadMasterLogPos, channel.RelayMasterLogFile));
        Assert.True(channel.IsIoRunning);
        Assert.False(channel.IsSqlRunning);
        Assert.Equal(15, channel.Columns.Count);
    }

    [Fact]
    public void ReadsMySql8SourceAndReplicaColumns()
    {
        var channel = ReplicationChannelParser.Parse(Row(
            ("Channel_Name", "east"), ("Source_Host", "10.0.0.1"), ("Source_Port", "3307"), ("Replica_IO_Running", "Connecting"),
            ("Replica_SQL_Running", "Yes"), ("Seconds_Behind_Source", "12"), ("Source_Server_Id", "7")));

        Assert.Equal(("east", "10.0.0.1", 3307, 12L, 7L), (channel.ConnectionName, channel.MasterHost, channel.MasterPort, channel.SecondsBehindMaster, channel.MasterServerId));
        Assert.True(channel.IsIoConnecting);
        Assert.True(channel.GtidIoPos.IsEmpty);
    }

    private static Dictionary<string, string?> Row(params (string Name, string? Value)[] columns) =>
        columns.ToDictionary(c => c.Name, c => c.Value, StringComparer.OrdinalIgnoreCase);
}
