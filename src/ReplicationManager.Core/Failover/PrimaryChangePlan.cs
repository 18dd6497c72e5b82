using System.Text.Json.Serialization;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Failover;

/// <summary>
/// A switchover or failover as repman would carry it out now: the steps in order, or why it refuses. The dry-run route
/// answers it as is; the runner executes exactly these steps.
/// </summary>
public sealed record PrimaryChangePlan
{
    public required string Cluster { get; init; }

    public required PrimaryChangeKind Kind { get; init; }

    [JsonConverter(typeof(ServerAddressTextJsonConverter))]
    public ServerAddress? OldPrimary { get; init; }

    [JsonConverter(typeof(ServerAddressTextJsonConverter))]
    public ServerAddress? Candidate { get; init; }

    /// <summary>The steps, empty when refused.</summary>
    public IReadOnlyList<PlanStep> Steps { get; init; } = [];

    /// <summary>Why the change is refused (empty when it may go ahead).</summary>
    public IReadOnlyList<Refusal> Refusals { get; init; } = [];

    /// <summary>Why each server other than the candidate was not chosen.</summary>
    public IReadOnlyList<Refusal> NotChosen { get; init; } = [];

    /// <summary>Things the operator should know that do not stop the change (a lagging replica to be re-pointed...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    [JsonIgnore]
    public bool IsRefused => Refusals.Count > 0;
}
