using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Backups;

/// <summary>The JSON form of backup metadata: camelCase, indented, nulls left out.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BackupMetadata))]
internal sealed partial class BackupJsonContext : JsonSerializerContext;
