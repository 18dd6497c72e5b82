using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Topology;

/// <summary>A server address as its <c>host:port</c> text in JSON, as operators write it in the config.</summary>
public sealed class ServerAddressTextJsonConverter : JsonConverter<ServerAddress>
{
    public override ServerAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ServerAddress.TryParse(reader.GetString() ?? "", out var address, out var error) ? address : throw new JsonException(error);

    public override void Write(Utf8JsonWriter writer, ServerAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
