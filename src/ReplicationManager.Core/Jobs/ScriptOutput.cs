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

    /// <summary>The number of the last line taken from a script that numbers its batches (<c>seq</c>); 0 when none did.</summary>
    [JsonPropertyName("lastLine")]
    public long LastLine { get; init; }

    /// <summary>Error codes found in the lines (MariaDB error numbers, errno values), first seen first.</summary>
    [JsonPropertyName("errorCodes")]
    public IReadOnlyList<string> ErrorCodes { get; init; } = [];

    /// <summary>
    /// How many lines of a batch whose first line is number <paramref name="firstLine"/> were taken already, and so
    /// are to be skipped: a batch sent again after an interrupted run is taken once.
    /// </summary>
    public int AlreadyTaken(long? firstLine, int count) =>
        firstLine is { } first ? (int)Math.Clamp(LastLine - first + 1, 0, count) : 0;

    /// <summary>This digest, having taken the lines up to number <paramref name="lastLine"/>.</summary>
    public ScriptOutput TakenUpTo(long lastLine) => this with { LastLine = Math.Max(LastLine, lastLine) };

    /// <summary>This digest with a batch of lines added, each with its level, and the error codes they name.</summary>
    public ScriptOutput Add(IReadOnlyList<(string Level, string Line)> lines, IReadOnlyList<string> errorCodes)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(errorCodes);
        var levels = new Dictionary<string, long>(Levels, StringComparer.Ordinal);
        foreach (var (level, _) in lines)
            levels[level] = levels.GetValueOrDefault(level) + 1;
        var kept = Math.Min(TailLength, Tail.Count + lines.Count);
        var fromNew = Math.Min(lines.Count, kept);
        var tail = new List<string>(kept);
        for (var i = Tail.Count - (kept - fromNew); i < Tail.Count; i++)
            tail.Add(Tail[i]);
        for (var i = lines.Count - fromNew; i < lines.Count; i++)
            tail.Add(lines[i].Line);
        var codes = errorCodes.Count == 0 ? ErrorCodes : ErrorCodes.Concat(errorCodes).Distinct(StringComparer.Ordinal).Take(MaxErrorCodes).ToList();
        return new ScriptOutput { Lines = Lines + lines.Count, Levels = levels, Tail = tail, ErrorCodes = codes, LastLine = LastLine };
    }
}
