namespace ReplicationManager.Core.Backups;

/// <summary>
/// What mydumper's <c>metadata</c> file says: the server's own coordinates, those of its replication source when it
/// is a replica, and whether the dump finished. Two formats exist: mydumper before 0.14 writes
/// <c>SHOW MASTER STATUS:</c> / <c>SHOW SLAVE STATUS:</c> blocks of <c>Log:</c>, <c>Pos:</c>, <c>GTID:</c> and a
/// closing <c>Finished dump at:</c>; later versions write INI sections (<c>[master]</c> or <c>[source]</c> with
/// <c>File =</c>, <c>Position =</c>, <c>Executed_Gtid_Set =</c>, and a replication section with <c>SOURCE_LOG_FILE</c>),
/// and only rename <c>metadata.partial</c> to <c>metadata</c> once the dump is done.
/// </summary>
internal sealed record MydumperMetadata(DumpPosition Server, DumpPosition Source, bool Finished)
{
    public static MydumperMetadata Parse(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return lines.Any(line => line.TrimStart().StartsWith('['))
            ? ParseSections(lines)
            : ParseBlocks(lines);
    }

    /// <summary>The coordinates a new replica would start from, as mariadb-dump records them: the source's for a replica, else the server's own.</summary>
    public DumpPosition For(bool isReplica) => isReplica && !Source.IsEmpty ? Source : Server;

    private static MydumperMetadata ParseBlocks(string[] lines)
    {
        var server = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var source = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, string>? block = null;
        string? lastKey = null;
        var finished = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (block is not null && lastKey is not null && block[lastKey].EndsWith(',') && line.Length > 0)
            {
                // MySQL's executed GTID set goes on over several lines, one server UUID each.
                block[lastKey] += line;
                continue;
            }
            if (line.StartsWith("Finished dump at", StringComparison.Ordinal))
                finished = true;
            if (line.StartsWith("SHOW ", StringComparison.Ordinal))
            {
                var isSource = line.Contains("SLAVE", StringComparison.Ordinal) || line.Contains("REPLICA", StringComparison.Ordinal);
                block = isSource ? (source.Count == 0 ? source : null) : (server.Count == 0 ? server : null);
                lastKey = null;
            }
            else if (block is not null && raw.Length > 0 && char.IsWhiteSpace(raw[0]) && line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
            {
                lastKey = line[..colon].Trim();
                block[lastKey] = line[(colon + 1)..].Trim();
            }
            else
            {
                block = null;
                lastKey = null;
            }
        }
        return new MydumperMetadata(PositionOf(server, "Log", "Pos", "GTID", CoordinatesOf.Server),
            PositionOf(source, "Log", "Pos", "GTID", CoordinatesOf.Source), finished);
    }

    private static MydumperMetadata ParseSections(string[] lines)
    {
        var sections = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
                sections.Add(current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["["] = line[1..^1] });
            else if (current is not null && !line.StartsWith('#') && line.IndexOf('=', StringComparison.Ordinal) is > 0 and var equals)
                current[line[..equals].Trim()] = Unquote(line[(equals + 1)..].Trim());
        }
        var server = sections.FirstOrDefault(section => section.ContainsKey("File") && !section.ContainsKey("SOURCE_LOG_FILE"));
        var source = sections.FirstOrDefault(section => section.ContainsKey("SOURCE_LOG_FILE") || section.ContainsKey("SOURCE_HOST"));
        return new MydumperMetadata(
            server is null ? DumpPosition.None : PositionOf(server, "File", "Position", "Executed_Gtid_Set", CoordinatesOf.Server),
            source is null ? DumpPosition.None : PositionOf(source, "SOURCE_LOG_FILE", "SOURCE_LOG_POS", "Executed_Gtid_Set", CoordinatesOf.Source),
            Finished: true);
    }

    private static DumpPosition PositionOf(Dictionary<string, string> values, string fileKey, string positionKey, string gtidKey, CoordinatesOf of)
    {
        var file = values.GetValueOrDefault(fileKey) is { Length: > 0 } f ? f : null;
        var gtid = values.GetValueOrDefault(gtidKey) is { Length: > 0 } g ? g : null;
        long? position = long.TryParse(values.GetValueOrDefault(positionKey), System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null;
        return file is null && gtid is null ? DumpPosition.None : new DumpPosition(gtid, file, position, of);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
