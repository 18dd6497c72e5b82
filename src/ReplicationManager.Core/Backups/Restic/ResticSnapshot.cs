using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Backups.Restic;

/// <summary>One snapshot of the restic repository, as <c>restic snapshots --json</c> gives it.</summary>
public sealed record ResticSnapshot(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("short_id")] string ShortId,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("paths")] IReadOnlyList<string> Paths,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags)
{
    public static IReadOnlyList<ResticSnapshot> ParseList(string json)
    {
        try
        {
            var list = JsonSerializer.Deserialize<List<ResticSnapshot>>(json.Length == 0 ? "[]" : json) ?? [];
            return list.Select(snapshot => snapshot with { Paths = snapshot.Paths ?? [], Tags = snapshot.Tags ?? [] })
                .OrderByDescending(snapshot => snapshot.Time).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
