using System.Text;
using System.Text.Json.Serialization;
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

    public static string? PrefixOf(string task) => task switch
    {
        JobTasks.ErrorLog => "log_error_",
        JobTasks.SlowQuery => "log_slow_query_",
        JobTasks.AuditLog => "log_audit_",
        _ => null,
    };

    /// <summary>The last <paramref name="lines"/> lines, or, with <paramref name="since"/>, up to that many lines from that cursor on.</summary>
    public static CollectedLog Read(JobDestinations destinations, ServerAddress server, string task, int lines, long? since)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        var prefix = PrefixOf(task) ?? throw new ArgumentException($"{task} is not a collected log", nameof(task));
        var directory = destinations.LogDirectory(server);
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, prefix + "*.log").Order(StringComparer.Ordinal).Select(path => new FileInfo(path)).ToList()
            : [];
        var total = files.Sum(file => file.Length);
        lines = Math.Clamp(lines, 1, MaxLines);
        return since is { } from ? After(files, Math.Clamp(from, 0, total), lines, total) : Last(files, lines, total);
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

    private static CollectedLog After(List<FileInfo> files, long from, int count, long total)
    {
        // The files are one log cut at arbitrary bytes: a line may begin in one file and end in the next.
        var lines = new List<string>();
        var line = new List<byte>();
        var cursor = from;
        var start = 0L;
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
