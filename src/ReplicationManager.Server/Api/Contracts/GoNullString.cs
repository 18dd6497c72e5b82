using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>
/// Go's <c>sql.NullString</c> as encoding/json writes it, <c>{"String":"Yes","Valid":true}</c>: replication-manager's
/// dashboards read <c>slaveSqlRunning.String</c>, so the replication fields keep this shape.
/// </summary>
public readonly record struct GoNullString(
    [property: JsonPropertyName("String")] string Value,
    [property: JsonPropertyName("Valid")] bool Valid)
{
    public static GoNullString Of(string? value) => value is null ? new("", false) : new(value, true);
}
