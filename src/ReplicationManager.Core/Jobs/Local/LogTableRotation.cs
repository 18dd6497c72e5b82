using System.Globalization;
using System.Text.RegularExpressions;

namespace ReplicationManager.Core.Jobs.Local;

/// <summary>
/// The kept copies of a log table, <c>replication_manager_schema.{table}_{yyyyMMddHHmmss}</c> (UTC): how a copy is
/// named, and which copies go when more than <c>scheduler-db-servers-logs-table-keep</c> exist. Pure.
/// </summary>
internal static class LogTableRotation
{
    public const string Schema = "replication_manager_schema";

    /// <summary>The log tables of the <c>mysql</c> schema, written when <c>log_output</c> holds TABLE.</summary>
    public static IReadOnlyList<string> LogTables { get; } = ["general_log", "slow_log"];

    public static string CopyName(string logTable, DateTimeOffset at) =>
        $"{logTable}_{at.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";

    /// <summary>The copies of <paramref name="logTable"/> beyond the newest <paramref name="keep"/>, oldest last; other tables are never named.</summary>
    public static IReadOnlyList<string> Expired(IEnumerable<string> tables, string logTable, int keep)
    {
        var pattern = new Regex("^" + Regex.Escape(logTable) + @"_\d{14}$", RegexOptions.CultureInvariant);
        return tables.Where(table => pattern.IsMatch(table))
            .OrderDescending(StringComparer.Ordinal)
            .Skip(Math.Max(keep, 0))
            .ToList();
    }
}
