using System.Text.Json;

namespace ReplicationManager.Cli.Commands;

/// <summary>Reading the API's JSON without ceremony: a missing field reads as empty.</summary>
internal static class Json
{
    public static string Text(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? "",
                JsonValueKind.Null or JsonValueKind.Undefined => "",
                _ => value.ToString(),
            }
            : "";

    /// <summary>A Go NullString or NullInt64 ({"String": ..., "Valid": ...}).</summary>
    public static string GoNull(this JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Object)
            return "";
        if (!value.GetProperty("Valid").GetBoolean())
            return "NULL";
        return value.TryGetProperty("String", out var text) ? text.GetString() ?? "" : value.GetProperty("Int64").ToString();
    }

    public static string Gtid(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
            ? string.Join(",", list.EnumerateArray().Select(g => $"{g.Text("domainId")}-{g.Text("serverId")}-{g.Text("seqNo")}"))
            : "";

    public static IEnumerable<JsonElement> Items(this JsonElement element, string? property = null)
    {
        var list = property is null ? element : element.TryGetProperty(property, out var value) ? value : default;
        return list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];
    }
}
