using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The digest of what a job script pushed through write-log for one job: how many lines of each level, the last
/// lines, and the error codes met. The full text is in the server's job log file.
/// </summary>
public sealed record ScriptOutput
{
    /// <summary>Lines kept in <see cref="Tail"/>.</summary>
    public const int TailLength = 20;

    /// <summary>Distinct error codes kept.</summary>
    public const int MaxErrorCodes = 20;

    public static readonly ScriptOutput Empty = new();

    /// <summary>Lines received so far.</summary>
    [JsonPropertyName("lines")]
    public long Lines { get; init; }

    /// <summary>Lines per level (INFO, WARN, ERROR, DEBUG).</summary>
    [JsonPropertyName("levels")]
    public IReadOnlyDictionary<string, long> Levels { get; init; } = new Dictionary<string, long>();

    /// <summary>The last lines, oldest first.</summary>
    [JsonPropertyName("tail")]
    public IReadOnlyList<string> Tail { get; init; } = [];

    /// <summary>Error codes found in the lines (MariaDB error numbers, errno values), first seen first.</summary>
    [JsonPropertyName("errorCodes")]
    public IReadOnlyList<string> ErrorCodes { get; init; } = [];

    /// <summary>This digest with a batch of lines of one level added.</summary>
    public ScriptOutput Add(string level, IReadOnlyList<string> lines, IEnumerable<string> errorCodes)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var levels = new Dictionary<string, long>(Levels, StringComparer.Ordinal);
        levels[level] = levels.GetValueOrDefault(level) + lines.Count;
        var tail = Tail.Concat(lines).TakeLast(TailLength).ToList();
        var codes = ErrorCodes.Concat(errorCodes).Distinct(StringComparer.Ordinal).Take(MaxErrorCodes).ToList();
        return new ScriptOutput { Lines = Lines + lines.Count, Levels = levels, Tail = tail, ErrorCodes = codes };
    }
}
