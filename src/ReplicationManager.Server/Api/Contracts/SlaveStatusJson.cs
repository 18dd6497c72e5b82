using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>
/// One replication connection with replication-manager's JSON names (Go's <c>dbhelper.SlaveStatus</c>), including
/// its misspelt <c>eeplicateDoDomainIds</c>. Text columns are <see cref="GoNullString"/>s.
/// </summary>
public sealed record SlaveStatusJson
{
    [JsonPropertyName("connectionName")] public GoNullString ConnectionName { get; init; }
    [JsonPropertyName("channelName")] public GoNullString ChannelName { get; init; }
    [JsonPropertyName("masterHost")] public GoNullString MasterHost { get; init; }
    [JsonPropertyName("masterUser")] public GoNullString MasterUser { get; init; }
    [JsonPropertyName("masterPort")] public GoNullString MasterPort { get; init; }
    [JsonPropertyName("masterLogFile")] public GoNullString MasterLogFile { get; init; }
    [JsonPropertyName("readMasterLogPos")] public GoNullString ReadMasterLogPos { get; init; }
    [JsonPropertyName("relayMasterLogFile")] public GoNullString RelayMasterLogFile { get; init; }
    [JsonPropertyName("slaveIoRunning")] public GoNullString SlaveIoRunning { get; init; }
    [JsonPropertyName("slaveSqlRunning")] public GoNullString SlaveSqlRunning { get; init; }
    [JsonPropertyName("execMasterLogPos")] public GoNullString ExecMasterLogPos { get; init; }
    [JsonPropertyName("secondsBehindMaster")] public GoNullInt64 SecondsBehindMaster { get; init; }
    [JsonPropertyName("lastIoErrno")] public GoNullString LastIoErrno { get; init; }
    [JsonPropertyName("lastIoError")] public GoNullString LastIoError { get; init; }
    [JsonPropertyName("lastSqlErrno")] public GoNullString LastSqlErrno { get; init; }
    [JsonPropertyName("lastSqlError")] public GoNullString LastSqlError { get; init; }
    [JsonPropertyName("masterServerId")] public ulong MasterServerId { get; init; }
    [JsonPropertyName("usingGtid")] public GoNullString UsingGtid { get; init; }
    [JsonPropertyName("gtidIoPos")] public GoNullString GtidIoPos { get; init; }
    [JsonPropertyName("gtidSlavePos")] public GoNullString GtidSlavePos { get; init; }
    [JsonPropertyName("slaveHeartbeatPeriod")] public double SlaveHeartbeatPeriod { get; init; }
    [JsonPropertyName("executedGtidSet")] public GoNullString ExecutedGtidSet { get; init; }
    [JsonPropertyName("retrievedGtidSet")] public GoNullString RetrievedGtidSet { get; init; }
    [JsonPropertyName("slaveSQLRunningState")] public GoNullString SlaveSqlRunningState { get; init; }
    [JsonPropertyName("postgresExternalId")] public GoNullString PostgresExternalId { get; init; }
    [JsonPropertyName("eeplicateDoDomainIds")] public GoNullString ReplicateDoDomainIds { get; init; }
    [JsonPropertyName("replicateIgnoreDomainIds")] public GoNullString ReplicateIgnoreDomainIds { get; init; }
    [JsonPropertyName("replicateIgnoreServerIds")] public GoNullString ReplicateIgnoreServerIds { get; init; }
    [JsonPropertyName("replicateDoDb")] public GoNullString ReplicateDoDb { get; init; }
    [JsonPropertyName("replicateIgnoreDb")] public GoNullString ReplicateIgnoreDb { get; init; }
    [JsonPropertyName("replicateDoTable")] public GoNullString ReplicateDoTable { get; init; }
    [JsonPropertyName("replicateIgnoreTable")] public GoNullString ReplicateIgnoreTable { get; init; }
    [JsonPropertyName("replicateWildDoTable")] public GoNullString ReplicateWildDoTable { get; init; }
    [JsonPropertyName("replicateWildIgnoreTable")] public GoNullString ReplicateWildIgnoreTable { get; init; }
}
