using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// Which repman process drives a job row, kept in the row's <c>payload</c> as JSON. A row whose driver is another
/// (gone) repman process and that cannot finish without it (its receiver or its local work died with that process)
/// is abandoned: the next repman ends it instead of refusing its task forever.
/// </summary>
/// <param name="Post">
/// Names the post that wrote the row (unique per row put in a jobs table), so that the poster tells its own row from
/// one that was in the way; null where rows are not shared (API mode).
/// </param>
public sealed record JobOwner(
    [property: JsonPropertyName("repman")] string Process,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("stream")] bool Streams,
    [property: JsonPropertyName("post"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Post = null)
{
    public string ToPayload() => JsonSerializer.Serialize(this);

    /// <summary>The owner written by a repman, or null for a row made by something else (a Go replication-manager, a person).</summary>
    public static JobOwner? Parse(string? payload)
    {
        if (string.IsNullOrEmpty(payload) || payload[0] != '{')
            return null;
        try
        {
            return JsonSerializer.Deserialize<JobOwner>(payload) is { Process.Length: > 0 } owner ? owner : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when this row cannot finish without its owner, which is not <paramref name="currentProcess"/>.</summary>
    public bool IsAbandonedFor(string currentProcess, JobState state) =>
        Process != currentProcess && state.IsActive()
        && (Mode == "local" || Streams || state is JobState.Pending or JobState.Halted);
}
