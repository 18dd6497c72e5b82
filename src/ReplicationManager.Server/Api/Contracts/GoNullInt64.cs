using System.Text.Json.Serialization;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>Go's <c>sql.NullInt64</c> as encoding/json writes it, <c>{"Int64":0,"Valid":false}</c>.</summary>
public readonly record struct GoNullInt64(
    [property: JsonPropertyName("Int64")] long Value,
    [property: JsonPropertyName("Valid")] bool Valid)
{
    public static GoNullInt64 Of(long? value) => value is { } number ? new(number, true) : default;
}
