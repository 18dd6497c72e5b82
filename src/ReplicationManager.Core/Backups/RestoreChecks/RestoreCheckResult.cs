using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Backups.RestoreChecks;

/// <summary>
/// The outcome of a backup's restore check, written beside it as <c>{id}.restore-check.json</c>: whether it restored,
/// the step that failed, how long it took to be usable (RTO) and how old its data was (RPO).
/// </summary>
/// <param name="Passed">It restored, started, replicated up to the primary and, when compared, matched it.</param>
/// <param name="Step">The step it reached: restore, start, replicate, compare, done.</param>
/// <param name="RtoSeconds">From the start of the check until the scratch server had caught up with the primary.</param>
/// <param name="RpoSeconds">The age of the backup's data when the check started.</param>
/// <param name="TablesCompared">Tables whose checksum was compared with the primary's; null when not compared.</param>
public sealed record RestoreCheckResult(
    [property: JsonPropertyName("checkedAt")] DateTimeOffset CheckedAt,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("step")] string Step,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("rtoSeconds")] double? RtoSeconds,
    [property: JsonPropertyName("rpoSeconds")] double RpoSeconds,
    [property: JsonPropertyName("tablesCompared")] int? TablesCompared)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string PathFor(string metadataPath) => metadataPath[..^".meta.json".Length] + ".restore-check.json";

    /// <summary>The check recorded for the backup whose metadata is <paramref name="metadataPath"/>, or null.</summary>
    public static RestoreCheckResult? ReadFor(string metadataPath)
    {
        try
        {
            var path = PathFor(metadataPath);
            return File.Exists(path) ? JsonSerializer.Deserialize<RestoreCheckResult>(File.ReadAllBytes(path), Json) : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public async Task WriteForAsync(string metadataPath, CancellationToken cancellationToken) =>
        await Jobs.Local.AtomicFile.WriteAsync(PathFor(metadataPath), JsonSerializer.SerializeToUtf8Bytes(this, Json), cancellationToken);
}
