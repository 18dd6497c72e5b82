using System.Globalization;
using System.Text.RegularExpressions;

namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// What repman reads in the lines a job script pushes: each line's level, the error codes it names, and the backup
/// position that mariabackup and xtrabackup print at their end
/// (<c>MySQL binlog position: filename 'binlog.000001', position '4', GTID of the last change '0-11-192'</c>).
/// </summary>
public static partial class ScriptLogReading
{
    /// <summary>The levels the scripts send, in replication-manager's order of severity (1 to 4).</summary>
    public static IReadOnlyList<string> Levels { get; } = ["ERROR", "WARN", "INFO", "DEBUG"];

    /// <summary>The level a line is counted under: the batch's, or read from the line when the script gave none.</summary>
    public static string LevelOf(string line, string? batchLevel)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (batchLevel is not null)
            return batchLevel;
        if (ErrorMark().IsMatch(line))
            return "ERROR";
        return WarningMark().IsMatch(line) ? "WARN" : "INFO";
    }

    /// <summary>The level name of a script's level word (case-insensitive; WARNING reads as WARN), or null.</summary>
    public static string? NormalizeLevel(string? level) => level?.ToUpperInvariant() switch
    {
        "ERROR" or "ERR" => "ERROR",
        "WARN" or "WARNING" => "WARN",
        "INFO" => "INFO",
        "DEBUG" or "DBG" => "DEBUG",
        _ => null,
    };

    /// <summary>replication-manager's number of a level (1 error ... 4 debug), which <c>log-task-level</c> is compared with.</summary>
    public static int Severity(string level) => Levels.ToList().IndexOf(level) + 1;

    /// <summary>Error codes a line names: MariaDB error numbers (<c>1045</c>) and operating system errors (<c>errno 13</c>).</summary>
    public static IEnumerable<string> ErrorCodes(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        // Every pattern names an error, errno or Errcode: most lines have none of these and skip the regexes.
        if (!line.Contains("rr", StringComparison.OrdinalIgnoreCase))
            yield break;
        foreach (Match match in ServerError().Matches(line))
            yield return match.Groups["code"].Value;
        foreach (Match match in SystemError().Matches(line))
            yield return "errno " + match.Groups["code"].Value;
    }

    /// <summary>The backup position a line reports, or null.</summary>
    public static BackupPosition? PositionIn(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = BinlogPosition().Match(line);
        if (!match.Success)
            return null;
        var gtid = match.Groups["gtid"].Success && match.Groups["gtid"].Value.Length > 0 ? match.Groups["gtid"].Value : null;
        return new BackupPosition(gtid, match.Groups["file"].Value, long.Parse(match.Groups["pos"].ValueSpan, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"\[ERROR\]|\bERROR\b|\bFATAL\b|\berror:\s", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorMark();

    [GeneratedRegex(@"\[Warning\]|\[WARN(ING)?\]|\bWARN(ING)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex WarningMark();

    [GeneratedRegex(@"(?:\bERROR\s+|\bGot error:?\s+|\berror code:?\s+)(?<code>\d{4,5})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ServerError();

    [GeneratedRegex(@"(?:\berrno:?\s*|\berror number\s+|\bErrcode:?\s*|\bOS error:?\s*)(?<code>\d{1,4})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SystemError();

    [GeneratedRegex(@"binlog position: filename '(?<file>[^']+)', position '?(?<pos>\d+)'?(?:, GTID of the last change '(?<gtid>[^']*)')?", RegexOptions.CultureInvariant)]
    private static partial Regex BinlogPosition();
}
