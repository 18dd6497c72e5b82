using System.Text.Json.Serialization;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Failover;

/// <summary>How a switchover or failover ended, with every step it ran.</summary>
public sealed record PrimaryChangeOutcome
{
    public required PrimaryChangePlan Plan { get; init; }

    /// <summary>The candidate is the primary.</summary>
    public bool Succeeded { get; init; }

    /// <summary>A failover found the primary alive (false positive) and changed nothing.</summary>
    public bool Vetoed { get; init; }

    /// <summary>The step that failed (everything before it undone); null when none did.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PlanStep? FailedStep { get; init; }

    /// <summary>What went wrong, or why the failover was vetoed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    public IReadOnlyList<StepOutcome> Steps { get; init; } = [];

    /// <summary>Problems that did not stop the change (a replica not re-pointed, a proxy not rerouted).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public double Milliseconds { get; init; }
}

/// <summary>One step as it ran: what it did and how long it took.</summary>
public sealed record StepOutcome(StepAction Action, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(ServerAddressTextJsonConverter))] ServerAddress? Server,
    string Outcome, double Milliseconds);
