using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>How a maintenance statement ended for one table.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TableStatus>))]
public enum TableStatus
{
    /// <summary>The statement ran; its messages hold no error.</summary>
    Ok,

    /// <summary>Not done, for a passing reason: the table was dropped meanwhile, or DDL held it past the lock wait.</summary>
    Skipped,

    /// <summary>The server reported an error for the table.</summary>
    Failed,
}
