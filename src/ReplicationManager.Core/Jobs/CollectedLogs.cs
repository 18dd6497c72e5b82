using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ReplicationManager.Core.Storage;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The error, slow query and audit logs the job script collected for a server: the files
/// <c>log_error_{time}.log</c> (<c>log_slow_query_</c>, <c>log_audit_</c>) of its folder, each holding what was new at
/// one collection, read as one log in time order. A cursor is a byte offset into that whole: a reader asks for the
/// last lines, then for what came after its cursor. Only whole lines are returned.
/// </summary>
public static class CollectedLogs
{
    public const int MaxLines = 10_000;

    /// <summary>A read never meets a file that retention deletes under it (reads are an operator's, and rare).</summary>
    private static readonly Lock Gate = new();

    public static string? PrefixOf(string task) => task switch
    {
        JobTasks.ErrorLog => "log_error_",
        JobTasks.SlowQuery => "log_slow_query_",
        JobTasks.AuditLog => "log_audit_",
        _ => null,
    };

    /// <summary>The last <paramref name="lines"/> lines, or, with <paramref name="since"/>, up to that many lines from that cursor on.</summary>
    /// <remarks>A cursor before what retention left reads from the oldest collection kept.</remarks>
    public static CollectedLog Read(JobDestinations destinations, ServerAddress server, string task, int lines, long? since)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        var prefix = PrefixOf(task) ?? throw new ArgumentException($"{task} is not a collected log", nameof(task));
        lines = Math.Clamp(lines, 1, MaxLines);
        lock (Gate)
        {
            var (pruned, files) = Collections(destinations.LogDirectory(server), prefix);
            var total = pruned.Bytes + files.Sum(file => file.Length);
            return since is { } from ? After(files, pruned.Bytes, Math.Clamp(from, pruned.Bytes, total), lines, total) : Last(files, lines, total);
        }
    }

    /// <summary>
    /// Deletes the collections of <paramref name="task"/> older than <paramref name="maxAge"/> (log-rotate-max-age, as
    /// replication-manager removes its collected logs; zero keeps them all) and returns how many went. Their bytes stay
    /// counted before the first file kept, so that readers' cursors keep pointing at the same lines. Crash-safe: the
    /// count is recorded before the files are deleted, and files it covers are ignored, and deleted next time.
    /// </summary>
    public static int Prune(JobDestinations destinations, ServerAddress server, string task, DateTimeOffset now, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        var prefix = PrefixOf(task) ?? throw new ArgumentException($"{task} is not a collected log", nameof(task));
        var directory = destinations.LogDirectory(server);
        if (maxAge <= TimeSpan.Zero || !Directory.Exists(directory))
            return 0;
        lock (Gate)
            return Prune(directory, prefix, now, maxAge);
    }

    private static int Prune(string directory, string prefix, DateTimeOffset now, TimeSpan maxAge)
    {
        var (pruned, files) = Collections(directory, prefix);
        var old = files.TakeWhile(file => CollectedAt(file.Name, prefix) is { } at && at < now - maxAge).ToList();
        if (old.Count > 0)
        {
            pruned = new PrunedCollections(pruned.Bytes + old.Sum(file => file.Length), old[^1].Name);
            AtomicJsonFile.Write(Path.Combine(directory, PrunedRecord(prefix)), pruned, JsonOptions, durable: true);
        }
        foreach (var covered in Directory.GetFiles(directory, prefix + "*.log").Where(path => pruned.Covers(Path.GetFileName(path))))
            File.Delete(covered);
        return old.Count;
    }

    /// <summary>The collections kept, oldest first, and what retention removed before them.</summary>
    private static (PrunedCollections Pruned, List<FileInfo> Files) Collections(string directory, string prefix)
    {
        if (!Directory.Exists(directory))
            return (PrunedCollections.None, []);
        var record = Path.Combine(directory, PrunedRecord(prefix));
        var pruned = File.Exists(record) ? JsonSerializer.Deserialize<PrunedCollections>(File.ReadAllBytes(record), JsonOptions) ?? PrunedCollections.None : PrunedCollections.None;
        var files = Directory.GetFiles(directory, prefix + "*.log").Where(path => !pruned.Covers(Path.GetFileName(path)))
            .Order(StringComparer.Ordinal).Select(path => new FileInfo(path)).ToList();
        return (pruned, files);
    }

    private static string PrunedRecord(string prefix) => $"{prefix}pruned.json";

    /// <summary>When a collection was made, from its name (<c>log_error_20261207T080000Z.log</c>, <c>..._02.log</c>).</summary>
    private static DateTime? CollectedAt(string name, string prefix) =>
        name.Length >= prefix.Length + 16
        && DateTime.TryParseExact(name.AsSpan(prefix.Length, 16), JobDestinations.StampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>What retention removed of one collected log: its bytes, and the newest file removed (names sort by time).</summary>
    private sealed record PrunedCollections(long Bytes, string? Through)
    {
        public static PrunedCollections None { get; } = new(0, null);

        public bool Covers(string name) => Through is not null && string.CompareOrdinal(name, Through) <= 0;
    }

    private static CollectedLog Last(List<FileInfo> files, int count, long total)
    {
        // Newest files first, until the text holds more line ends than lines wanted: its first line may be partial.
        var text = "";
        for (var i = files.Count - 1; i >= 0; i--)
        {
            text = File.ReadAllText(files[i].FullName) + text;
            if (text.Count(c => c == '\n') > count)
                break;
        }
        var whole = text[..(text.LastIndexOf('\n') + 1)];
        var lines = whole.Split('\n').SkipLast(1).TakeLast(count).Select(line => line.TrimEnd('\r')).ToList();
        return new CollectedLog(lines, total - Encoding.UTF8.GetByteCount(text.AsSpan(whole.Length)), total);
    }

    private static CollectedLog After(List<FileInfo> files, long pruned, long from, int count, long total)
    {
        // The files are one log cut at arbitrary bytes: a line may begin in one file and end in the next.
        var lines = new List<string>();
        var line = new List<byte>();
        var cursor = from;
        var start = pruned;
        foreach (var file in files)
        {
            var end = start + file.Length;
            var next = cursor + line.Count;
            if (end > next && lines.Count < count)
            {
                using var stream = new BufferedStream(file.OpenRead(), 1 << 16);
                stream.Seek(Math.Max(0, next - start), SeekOrigin.Begin);
                int b;
                while (lines.Count < count && (b = stream.ReadByte()) >= 0)
                {
                    if (b != '\n')
                    {
                        line.Add((byte)b);
                        continue;
                    }
                    lines.Add(Encoding.UTF8.GetString(line.ToArray()).TrimEnd('\r'));
                    cursor += line.Count + 1;
                    line.Clear();
                }
            }
            start = end;
        }
        return new CollectedLog(lines, cursor, total);
    }
}

/// <summary>Lines of a collected log, the cursor after the last of them, and the log's whole size.</summary>
public sealed record CollectedLog(
    [property: JsonPropertyName("lines")] IReadOnlyList<string> Lines,
    [property: JsonPropertyName("cursor")] long Cursor,
    [property: JsonPropertyName("size")] long Size);
