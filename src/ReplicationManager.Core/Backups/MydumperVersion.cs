using System.Globalization;
using System.Text.RegularExpressions;

namespace ReplicationManager.Core.Backups;

/// <summary>The version a mydumper reports (<c>mydumper 0.10.0, built against MySQL 10.11.14</c>, <c>mydumper v0.16.9-1</c>).</summary>
internal static partial class MydumperVersion
{
    /// <summary>From 0.12.3 mydumper takes MariaDB's backup locks itself; before, repman blocks DDL for it (as Go does).</summary>
    public static readonly Version TakesBackupLocks = new(0, 12, 3);

    public static Version? Parse(string versionText) =>
        Pattern().Match(versionText) is { Success: true } match
            ? new Version(Number(match, "major"), Number(match, "minor"), Number(match, "patch"))
            : null;

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"mydumper\s+v?(?<major>\d+)\.(?<minor>\d+)\.(?<patch>\d+)")]
    private static partial Regex Pattern();
}
