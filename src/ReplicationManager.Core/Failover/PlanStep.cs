using System.Text.Json.Serialization;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Failover;

/// <summary>One step of a plan: what, on which server, in words.</summary>
public sealed record PlanStep(
    StepAction Action,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(ServerAddressTextJsonConverter))] ServerAddress? Server,
    string Description);
