using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ReplicationManager.Core.Jobs;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// The names of one logical backup in its server's backup directory: <c>{tool}_{yyyyMMddTHHmmssZ}</c> (UTC) as the
/// id, the artifact (<c>mysqldump_….sql.gz</c> or the directory <c>mydumper_…</c>) and its <c>….meta.json</c>.
/// While being written each has a hidden name (<c>.mysqldump_….sql.gz.partial</c>), which no listing shows.
/// </summary>
public sealed record BackupName(string Tool, DateTimeOffset Taken)
{
    /// <summary>The tools whose backups repman writes and lists.</summary>
    public static IReadOnlyList<string> Tools { get; } = [JobTasks.Mysqldump, JobTasks.Mydumper];

    public string Id => $"{Tool}_{Taken.UtcDateTime.ToString(JobDestinations.StampFormat, CultureInfo.InvariantCulture)}";

    /// <summary>The backup itself: a gzip file for mysqldump, a directory for mydumper.</summary>
    public string Artifact => Tool == JobTasks.Mysqldump ? Id + ".sql.gz" : Id;

    public bool IsDirectory => Tool == JobTasks.Mydumper;

    public string Metadata => Id + ".meta.json";

    /// <summary>The hidden name a file or directory has until it is complete.</summary>
    public static string Partial(string name) => "." + name + ".partial";

    public static BackupName For(string tool, DateTimeOffset at) =>
        new(tool, new DateTimeOffset(at.UtcDateTime.Ticks - at.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero));

    /// <summary>Reads an id (<c>mysqldump_20261122T051112Z</c>); false for any other name, hidden ones included.</summary>
    public static bool TryParseId(string id, [NotNullWhen(true)] out BackupName? name)
    {
        name = null;
        var underscore = id.LastIndexOf('_');
        if (underscore <= 0)
            return false;
        var tool = id[..underscore];
        if (!Tools.Contains(tool))
            return false;
        if (!DateTime.TryParseExact(id[(underscore + 1)..], JobDestinations.StampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var taken))
            return false;
        name = new BackupName(tool, new DateTimeOffset(taken, TimeSpan.Zero));
        return true;
    }

    public override string ToString() => Id;
}
