using System.Buffers;
using System.Text.Json;

namespace ReplicationManager.Core.Storage;

/// <summary>
/// The top-level sections of a JSON object file as they stand in its bytes, so that replacing one section copies the
/// others as they are instead of parsing and writing them again: a server's state file carries a few hundred
/// variables and status values that a save of its job history does not touch. The file is written indented, each
/// section at the depth it has in the object.
/// </summary>
internal static class JsonSections
{
    private static readonly JsonSerializerOptions SectionOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] Indent = "\n  "u8.ToArray();

    /// <summary>Each top-level property with the bytes of its value, in file order.</summary>
    /// <exception cref="JsonException">The bytes are not one JSON object.</exception>
    public static List<KeyValuePair<string, ReadOnlyMemory<byte>>> Split(ReadOnlyMemory<byte> json)
    {
        var sections = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>();
        var reader = new Utf8JsonReader(json.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("the file does not hold a JSON object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            sections.Add(new(name, json[start..(int)reader.BytesConsumed]));
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            throw new JsonException("the file does not hold a single JSON object");
        return sections;
    }

    /// <summary>
    /// The sections with <paramref name="changes"/> applied (a changed section keeps its place, a null value removes
    /// one, a new one goes last), as the bytes of an indented JSON object.
    /// </summary>
    /// <param name="changes">Each changed section serialized by <see cref="Serialize{T}"/>, or null to remove it.</param>
    public static byte[] Join(List<KeyValuePair<string, ReadOnlyMemory<byte>>> sections, IReadOnlyDictionary<string, byte[]?> changes)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(changes);
        var output = new ArrayBufferWriter<byte>(sections.Sum(section => section.Value.Length) + changes.Values.Sum(change => change?.Length ?? 0) + 256);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, SkipValidation = true }))
        {
            writer.WriteStartObject();
            foreach (var (name, raw) in sections)
            {
                if (!changes.TryGetValue(name, out var changed))
                    Write(writer, name, raw.Span);
                else if (changed is not null)
                    Write(writer, name, Nested(changed));
            }
            foreach (var (name, changed) in changes)
            {
                if (changed is not null && !sections.Exists(section => section.Key == name))
                    Write(writer, name, Nested(changed));
            }
            writer.WriteEndObject();
        }
        return output.WrittenSpan.ToArray();
    }

    /// <summary>A section's value as <see cref="Join"/> takes it: indented JSON, straight from the object (no DOM on the way).</summary>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, SectionOptions);

    private static void Write(Utf8JsonWriter writer, string name, ReadOnlySpan<byte> value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(value, skipInputValidation: true);
    }

    /// <summary>An indented value written at depth 0, indented for depth 1 (a JSON text has no raw newline inside a string).</summary>
    private static byte[] Nested(byte[] value)
    {
        var lines = value.AsSpan().Count((byte)'\n');
        if (lines == 0)
            return value;
        var nested = new byte[value.Length + lines * 2];
        var written = 0;
        foreach (var b in value)
        {
            if (b == '\n')
            {
                Indent.CopyTo(nested.AsSpan(written));
                written += Indent.Length;
            }
            else
                nested[written++] = b;
        }
        return nested;
    }
}
