using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>The JSON forms of local task results and files: camelCase, indented, nulls left out.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TableTaskReport))]
[JsonSerializable(typeof(ChecksumFile))]
[JsonSerializable(typeof(SchemaSnapshot))]
internal sealed partial class LocalJobJson : JsonSerializerContext;
