using System.Text.Json;
using ReplicationManager.Core.Failover;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Tests.Topology;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Failover;

/// <summary>
/// A scenario file: the observed cluster (as in the topology scenarios), the change asked for, the rules that differ
/// from the defaults, the history, and the plan expected: the candidate, the refusal codes, the step actions.
/// </summary>
internal sealed record FailoverScenario(
    string Description,
    PrimaryChangeKind Kind,
    ServerAddress? PreviousPrimary,
    ServerAddress? Requested,
    IReadOnlyList<ServerSnapshot> Servers,
    ScenarioRules? Rules,
    ScenarioHistory? History,
    ExpectedPlan Expected)
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Failover", "Scenarios");

    public static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new ServerAddressTextConverter() },
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static FailoverScenario Load(string name) =>
        JsonSerializer.Deserialize<FailoverScenario>(File.ReadAllText(Path.Combine(Directory, name + ".json")), Json)
        ?? throw new InvalidOperationException($"scenario {name} is empty");

    public FailoverRules BuildRules()
    {
        var r = Rules ?? new ScenarioRules();
        var defaults = FailoverOptions.Default;
        var failover = defaults with
        {
            Automatic = r.Automatic ?? defaults.Automatic,
            Limit = r.Limit ?? defaults.Limit,
            TimeLimit = r.TimeLimitSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.TimeLimit,
            CheckReplicationState = r.CheckReplicationState ?? defaults.CheckReplicationState,
            CheckReplicationFilters = r.CheckReplicationFilters ?? defaults.CheckReplicationFilters,
            SwitchoverLowerRelease = r.SwitchoverLowerRelease ?? defaults.SwitchoverLowerRelease,
            SwitchoverAtEqualGtid = r.SwitchoverAtEqualGtid ?? defaults.SwitchoverAtEqualGtid,
            AtSync = r.AtSync ?? defaults.AtSync,
            FalsePositiveHeartbeat = r.FalsePositiveHeartbeat ?? defaults.FalsePositiveHeartbeat,
            PreScript = r.PreScript ?? defaults.PreScript,
        };
        return new FailoverRules(failover, TimeSpan.FromSeconds(r.MaxDelaySeconds ?? 30), r.PreferredMasters ?? [], r.IgnoredHosts ?? []);
    }

    public FailoverHistory BuildHistory() => History is { } h
        ? new FailoverHistory(h.Failovers, h.SecondsSinceLastChange is { } ago ? Now.AddSeconds(-ago) : null)
        : FailoverHistory.None;
}

internal sealed record ScenarioRules(
    bool? Automatic = null,
    int? Limit = null,
    double? TimeLimitSeconds = null,
    bool? CheckReplicationState = null,
    bool? CheckReplicationFilters = null,
    bool? SwitchoverLowerRelease = null,
    bool? SwitchoverAtEqualGtid = null,
    bool? AtSync = null,
    bool? FalsePositiveHeartbeat = null,
    string? PreScript = null,
    double? MaxDelaySeconds = null,
    IReadOnlyList<ServerAddress>? PreferredMasters = null,
    IReadOnlyList<ServerAddress>? IgnoredHosts = null);

internal sealed record ScenarioHistory(int Failovers, double? SecondsSinceLastChange);

/// <summary>The candidate (null when refused), exactly these refusal codes, the steps' actions and servers, the gate's verdict.</summary>
internal sealed record ExpectedPlan(
    ServerAddress? Candidate,
    IReadOnlyList<string> Refusals,
    IReadOnlyList<string>? Steps,
    GateVerdict? Gate,
    IReadOnlyDictionary<string, string>? NotChosen);
