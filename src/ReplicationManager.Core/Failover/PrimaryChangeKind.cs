using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Failover;

/// <summary>Why the primary changes: an operator moves it from a live server, or repman replaces a dead one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PrimaryChangeKind>))]
public enum PrimaryChangeKind
{
    /// <summary>The primary answers: writes are frozen on it, it becomes a replica of the candidate.</summary>
    Switchover,

    /// <summary>The primary is Failed: the most advanced replica takes over; the old primary rejoins when it returns.</summary>
    Failover,
}
