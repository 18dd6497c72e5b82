using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>
/// A database server with replication-manager's JSON names (the fields of Go's <c>ServerMonitor</c> that repman
/// knows). No password: Go's <c>pass</c> is never written.
/// </summary>
public sealed record ServerMonitorJson
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("user")] public string User { get; init; } = "";
    [JsonPropertyName("url")] public required string Url { get; init; }
    [JsonPropertyName("host")] public required string Host { get; init; }
    [JsonPropertyName("port")] public required string Port { get; init; }
    [JsonPropertyName("ip")] public string Ip { get; init; } = "";
    [JsonPropertyName("serverId")] public ulong ServerId { get; init; }
    [JsonPropertyName("domainId")] public ulong DomainId { get; init; }
    [JsonPropertyName("gtidBinlogPos")] public IReadOnlyList<GtidJson> GtidBinlogPos { get; init; } = [];
    [JsonPropertyName("currentGtid")] public IReadOnlyList<GtidJson> CurrentGtid { get; init; } = [];
    [JsonPropertyName("slaveGtid")] public IReadOnlyList<GtidJson> SlaveGtid { get; init; } = [];
    [JsonPropertyName("ioGtid")] public IReadOnlyList<GtidJson> IoGtid { get; init; } = [];
    [JsonPropertyName("gtidExecuted")] public string GtidExecuted { get; init; } = "";
    [JsonPropertyName("readOnly")] public string ReadOnly { get; init; } = "OFF";
    [JsonPropertyName("state")] public required string State { get; init; }
    [JsonPropertyName("prevState")] public required string PrevState { get; init; }
    [JsonPropertyName("failCount")] public int FailCount { get; init; }
    [JsonPropertyName("binaryLogFile")] public string BinaryLogFile { get; init; } = "";
    [JsonPropertyName("binaryLogPos")] public string BinaryLogPos { get; init; } = "";
    [JsonPropertyName("isSlave")] public bool IsSlave { get; init; }
    [JsonPropertyName("isRelay")] public bool IsRelay { get; init; }
    [JsonPropertyName("isMaintenance")] public bool IsMaintenance { get; init; }
    [JsonPropertyName("ignored")] public bool Ignored { get; init; }
    [JsonPropertyName("prefered")] public bool Prefered { get; init; }
    [JsonPropertyName("haveReadOnly")] public bool HaveReadOnly { get; init; }
    [JsonPropertyName("haveBinlog")] public bool HaveBinlog { get; init; }
    [JsonPropertyName("haveBinlogRow")] public bool HaveBinlogRow { get; init; }
    [JsonPropertyName("haveBinlogMixed")] public bool HaveBinlogMixed { get; init; }
    [JsonPropertyName("haveBinlogStatement")] public bool HaveBinlogStatement { get; init; }
    [JsonPropertyName("HaveBinlogSlaveUpdates")] public bool HaveBinlogSlaveUpdates { get; init; }
    [JsonPropertyName("haveGtidStrictMode")] public bool HaveGtidStrictMode { get; init; }
    [JsonPropertyName("haveMariadbGtid")] public bool HaveMariadbGtid { get; init; }
    [JsonPropertyName("haveMysqlGtid")] public bool HaveMysqlGtid { get; init; }
    [JsonPropertyName("replications")] public IReadOnlyList<SlaveStatusJson> Replications { get; init; } = [];
    [JsonPropertyName("masterStatus")] public required MasterStatusJson MasterStatus { get; init; }
    [JsonPropertyName("replicationSourceName")] public string ReplicationSourceName { get; init; } = "";
    [JsonPropertyName("replicationHealth")] public string ReplicationHealth { get; init; } = "";
    [JsonPropertyName("dbVersion")] public DbVersionJson? DbVersion { get; init; }
}
