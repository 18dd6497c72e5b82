using System.Text.Json;
using ReplicationManager.Toml;

namespace TomlTestDecoder;

/// <summary>
/// toml-test's tagged JSON: tables are objects, arrays are arrays, and every other value is
/// <c>{"type": "...", "value": "..."}</c> with the value as a string.
/// </summary>
public static class TaggedJson
{
    public static void Write(Utf8JsonWriter writer, TomlValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            case TomlTable table:
                writer.WriteStartObject();
                foreach (var (key, child) in table)
                {
                    writer.WritePropertyName(key);
                    Write(writer, child);
                }

                writer.WriteEndObject();
                break;
            case TomlArray array:
                writer.WriteStartArray();
                foreach (var element in array)
                    Write(writer, element);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                writer.WriteString("type", TypeTag(value.Kind));
                writer.WriteString("value", value.ToString());
                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>The tagged JSON of a document, as text.</summary>
    public static string Serialize(TomlValue value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, value);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string TypeTag(TomlValueKind kind) => kind switch
    {
        TomlValueKind.String => "string",
        TomlValueKind.Integer => "integer",
        TomlValueKind.Float => "float",
        TomlValueKind.Boolean => "bool",
        TomlValueKind.OffsetDateTime => "datetime",
        TomlValueKind.LocalDateTime => "datetime-local",
        TomlValueKind.LocalDate => "date-local",
        TomlValueKind.LocalTime => "time-local",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a leaf value"),
    };
}
