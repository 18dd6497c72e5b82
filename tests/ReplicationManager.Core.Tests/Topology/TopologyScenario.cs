using System.Text.Json;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Topology;

/// <summary>
/// A scenario file: what the probes observed (servers as <see cref="ServerSnapshot"/> JSON; reachable servers have no
/// state, unreachable ones say Suspect, Failed or ErrorAuth) and what the analysis must conclude.
/// </summary>
internal sealed record TopologyScenario(
    string Description,
    ServerAddress? PreviousPrimary,
    IReadOnlyList<ServerSnapshot> Servers,
    ExpectedTopology Expected)
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Topology", "Scenarios");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new ServerAddressTextConverter() },
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static TopologyScenario Load(string name) =>
        JsonSerializer.Deserialize<TopologyScenario>(File.ReadAllText(Path.Combine(Directory, name + ".json")), Json)
        ?? throw new InvalidOperationException($"scenario {name} is empty");
}
