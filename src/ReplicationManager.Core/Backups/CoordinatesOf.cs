using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Backups;

/// <summary>Whose binary log a backup's coordinates point into.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CoordinatesOf>))]
public enum CoordinatesOf
{
    /// <summary>The backup recorded no coordinates.</summary>
    None,

    /// <summary>The backed-up server's own binary log (a backup of a primary): a new replica of this server starts there.</summary>
    Server,

    /// <summary>The binary log of the backed-up replica's source: a new replica of that source starts there.</summary>
    Source,
}
