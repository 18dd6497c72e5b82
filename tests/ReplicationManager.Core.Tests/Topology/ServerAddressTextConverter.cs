using System.Text.Json;
using System.Text.Json.Serialization;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Topology;

/// <summary>Lets scenario files write an address as <c>"127.0.0.11:3306"</c>.</summary>
internal sealed class ServerAddressTextConverter : JsonConverter<ServerAddress>
{
    public override ServerAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ServerAddress.Parse(reader.GetString() ?? throw new JsonException("an address is null"));

    public override void Write(Utf8JsonWriter writer, ServerAddress value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
