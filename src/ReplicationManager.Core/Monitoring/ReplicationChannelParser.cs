using System.Globalization;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// Turns a replication status row (column name to text) into a <see cref="ReplicationChannel"/>. Reads MariaDB's
/// and MySQL's column names, including MySQL 8's <c>Source_*</c> and <c>Replica_*</c> spellings.
/// </summary>
internal static class ReplicationChannelParser
{
    public static ReplicationChannel Parse(IReadOnlyDictionary<string, string?> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ReplicationChannel
        {
            ConnectionName = Text(row, "Connection_name", "Channel_Name"),
            MasterHost = Text(row, "Master_Host", "Source_Host"),
            MasterPort = (int)(Number(row, "Master_Port", "Source_Port") ?? ServerAddress.DefaultPort),
            SlaveIoRunning = Text(row, "Slave_IO_Running", "Replica_IO_Running"),
            SlaveSqlRunning = Text(row, "Slave_SQL_Running", "Replica_SQL_Running"),
            SecondsBehindMaster = Number(row, "Seconds_Behind_Master", "Seconds_Behind_Source"),
            LastIoErrno = (int)(Number(row, "Last_IO_Errno") ?? 0),
            LastIoError = Text(row, "Last_IO_Error"),
            LastSqlErrno = (int)(Number(row, "Last_SQL_Errno") ?? 0),
            LastSqlError = Text(row, "Last_SQL_Error"),
            UsingGtid = Text(row, "Using_Gtid") is { Length: > 0 } usingGtid ? usingGtid : "No",
            GtidIoPos = GtidList.ParseOrEmpty(Text(row, "Gtid_IO_Pos")),
            GtidSlavePos = GtidList.ParseOrEmpty(Text(row, "Gtid_Slave_Pos")),
            MasterServerId = Number(row, "Master_Server_Id", "Source_Server_Id") ?? 0,
            MasterLogFile = Text(row, "Master_Log_File", "Source_Log_File"),
            ReadMasterLogPos = Number(row, "Read_Master_Log_Pos", "Read_Source_Log_Pos") ?? 0,
            RelayMasterLogFile = Text(row, "Relay_Master_Log_File", "Relay_Source_Log_File"),
            ExecMasterLogPos = Number(row, "Exec_Master_Log_Pos", "Exec_Source_Log_Pos") ?? 0,
            Columns = row,
        };
    }

    private static string Text(IReadOnlyDictionary<string, string?> row, string name, string? alias = null) =>
        (row.TryGetValue(name, out var value) || (alias is not null && row.TryGetValue(alias, out value)) ? value : null) ?? "";

    private static long? Number(IReadOnlyDictionary<string, string?> row, string name, string? alias = null) =>
        long.TryParse(Text(row, name, alias), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
