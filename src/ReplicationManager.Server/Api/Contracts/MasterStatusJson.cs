using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary><c>SHOW MASTER STATUS</c> (Go's <c>dbhelper.MasterStatus</c>).</summary>
public sealed record MasterStatusJson(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("position")] ulong Position,
    [property: JsonPropertyName("binlogDoDB")] string BinlogDoDb,
    [property: JsonPropertyName("binlogIgnoreDB")] string BinlogIgnoreDb);
