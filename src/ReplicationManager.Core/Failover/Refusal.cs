using System.Text.Json.Serialization;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Failover;

/// <summary>Why a server cannot be the new primary, or why the whole change is refused.</summary>
/// <param name="Code">A stable name, for scripts and tests (for example <c>lagging</c>, <c>errant-gtid</c>).</param>
/// <param name="Server">The server concerned; null when the refusal is about the cluster.</param>
/// <param name="Message">The reason in a sentence, with the values involved.</param>
public sealed record Refusal(string Code, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(ServerAddressTextJsonConverter))] ServerAddress? Server, string Message)
{
    public override string ToString() => Server is null ? Message : $"{Server}: {Message}";
}
