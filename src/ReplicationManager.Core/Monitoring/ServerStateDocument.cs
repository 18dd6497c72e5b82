using System.Text.Json;
using System.Text.Json.Nodes;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// Monitoring's sections of <c>serverstate.json</c> and back: <c>monitoring</c> is the <see cref="ServerSnapshot"/>
/// in camelCase JSON without its three large parts, which go to <c>variables</c>, <c>status</c> and
/// <c>slavestatus</c> (the rows of SHOW ALL SLAVES STATUS as column name to text), as in replication-manager.
/// </summary>
internal static class ServerStateDocument
{
    public const string Monitoring = "monitoring";
    public const string Variables = "variables";
    public const string Status = "status";
    public const string SlaveStatus = "slavestatus";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyDictionary<string, JsonNode?> Sections(ServerSnapshot server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var slim = server with { Variables = new Dictionary<string, string>(), Status = new Dictionary<string, string>(), ReplicationChannels = [] };
        return new Dictionary<string, JsonNode?>
        {
            [Monitoring] = JsonSerializer.SerializeToNode(slim, Json),
            [Variables] = JsonSerializer.SerializeToNode(Sorted(server.Variables), Json),
            [Status] = JsonSerializer.SerializeToNode(Sorted(server.Status), Json),
            [SlaveStatus] = JsonSerializer.SerializeToNode(server.ReplicationChannels.Select(c => c.Columns).ToList(), Json),
        };
    }

    /// <summary>The saved snapshot, marked as saved state; null when the document has no monitoring section.</summary>
    /// <exception cref="JsonException">A section does not have the expected shape.</exception>
    public static ServerSnapshot? Load(JsonObject document, ServerAddress address)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document[Monitoring] is not JsonObject monitoring)
            return null;
        var saved = monitoring.Deserialize<ServerSnapshot>(Json) ?? throw new JsonException("the monitoring section is null");
        var rows = document[SlaveStatus]?.Deserialize<List<Dictionary<string, string?>>>(Json) ?? [];
        return saved with
        {
            Address = address,
            IsFromSavedState = true,
            Variables = Names(document[Variables]),
            Status = Names(document[Status]),
            ReplicationChannels = rows
                .Select(row => ReplicationChannelParser.Parse(new Dictionary<string, string?>(row, StringComparer.OrdinalIgnoreCase)))
                .ToList(),
        };
    }

    private static SortedDictionary<string, string> Sorted(IReadOnlyDictionary<string, string> values) =>
        new(values.ToDictionary(), StringComparer.Ordinal);

    private static Dictionary<string, string> Names(JsonNode? section) =>
        new(section?.Deserialize<Dictionary<string, string>>(Json) ?? [], StringComparer.OrdinalIgnoreCase);
}
