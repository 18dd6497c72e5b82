using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Failover;

/// <summary>A rolling restart as the API shows it: its steps so far, whether it runs, how it ended.</summary>
public sealed record RollingRestartStatus(
    DateTimeOffset Started,
    bool Running,
    IReadOnlyList<RollingStep> Steps,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Ended = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);

/// <summary>One step of a rolling restart: what, how it went, how long it took.</summary>
public sealed record RollingStep(string Step, string Outcome, double Milliseconds);
