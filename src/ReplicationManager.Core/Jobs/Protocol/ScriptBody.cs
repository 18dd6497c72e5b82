using System.Text.Json;

namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// The decrypted JSON body of a job-script call, as replication-manager's newer script sends on every call
/// (<c>{"server","secret",...}</c>) and every script sends to write-log: what each route reads from it.
/// </summary>
public static class ScriptBody
{
    /// <summary>The <c>server</c> the script says it runs on, or null.</summary>
    public static string? Server(JsonElement body) => Text(body, "server");

    /// <summary>The <c>secret</c>, when the script sends one (replication-manager's newer script).</summary>
    public static string? Secret(JsonElement body) => Text(body, "secret");

    /// <summary>
    /// The lines of a write-log body: <c>log</c> split on newlines, empty lines dropped, at most <paramref name="maxLines"/>;
    /// <c>seq</c>, when sent, numbers the first of them in the job's output.
    /// </summary>
    public static ScriptLogBatch? LogBatch(JsonElement body, int maxLines, out string? failure)
    {
        failure = null;
        if (Server(body) is not { } server)
        {
            failure = "the log batch has no \"server\"";
            return null;
        }
        if (Text(body, "log") is not { } log)
        {
            failure = "the log batch has no \"log\" string";
            return null;
        }
        var level = Text(body, "level");
        var normalized = ScriptLogReading.NormalizeLevel(level);
        if (level is not null && normalized is null)
        {
            failure = $"the log level '{level}' is not INFO, WARN, ERROR or DEBUG";
            return null;
        }
        var lines = log.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToList();
        if (lines.Count > maxLines)
        {
            failure = $"the batch has {lines.Count} lines; at most {maxLines} are taken per call";
            return null;
        }
        long? firstLine = body.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number && seq.TryGetInt64(out var number) && number > 0 ? number : null;
        return new ScriptLogBatch(server, lines, normalized, firstLine);
    }

    /// <summary>The optional <c>result</c> text of a job-state call.</summary>
    public static string? Result(JsonElement body) => Text(body, "result");

    /// <summary>The <c>restore</c> position a reseed or flashback reports with done: <c>{"vendor","gtid","binLogFile","binLogPos"}</c>.</summary>
    public static BackupPosition? Restore(JsonElement body)
    {
        if (!body.TryGetProperty("restore", out var restore) || restore.ValueKind != JsonValueKind.Object)
            return null;
        long? position = restore.TryGetProperty("binLogPos", out var pos) ? pos.ValueKind switch
        {
            JsonValueKind.Number when pos.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(pos.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        } : null;
        return new BackupPosition(Text(restore, "gtid"), Text(restore, "binLogFile"), position) { Vendor = Text(restore, "vendor") };
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
