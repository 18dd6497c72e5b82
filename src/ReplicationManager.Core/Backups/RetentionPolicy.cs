using System.Globalization;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// The grandfather-father-son rule of <c>backup-keep-hourly/daily/weekly/monthly/yearly</c>, as restic's
/// <c>forget --keep-*</c> applies it: for each of the last N hours (days, ISO weeks, months, years) that have a
/// backup, the newest backup of that period is kept. A backup kept by any rule stays; the newest backup always stays,
/// and so does the one just made. Periods are read in the given time zone. Pure.
/// </summary>
internal static class RetentionPolicy
{
    public static IReadOnlyList<RetentionDecision> Decide(IReadOnlyList<BackupName> backups, BackupRetention retention, TimeZoneInfo zone, string? justMade = null)
    {
        var newestFirst = backups.OrderByDescending(backup => backup.Taken).ThenByDescending(backup => backup.Id, StringComparer.Ordinal).ToList();
        var reasons = newestFirst.ToDictionary(backup => backup.Id, _ => new List<string>(), StringComparer.Ordinal);
        if (newestFirst.Count > 0)
            reasons[newestFirst[0].Id].Add("newest");
        if (justMade is not null && reasons.TryGetValue(justMade, out var made) && made.Count == 0)
            made.Add("just made");

        Keep(newestFirst, reasons, "hourly", retention.Hourly, local => (local.Year, local.Month, local.Day, local.Hour));
        Keep(newestFirst, reasons, "daily", retention.Daily, local => (local.Year, local.Month, local.Day, 0));
        Keep(newestFirst, reasons, "weekly", retention.Weekly, local => (ISOWeek.GetYear(local), ISOWeek.GetWeekOfYear(local), 0, 0));
        Keep(newestFirst, reasons, "monthly", retention.Monthly, local => (local.Year, local.Month, 0, 0));
        Keep(newestFirst, reasons, "yearly", retention.Yearly, local => (local.Year, 0, 0, 0));

        return newestFirst.Select(backup => new RetentionDecision(backup, reasons[backup.Id])).ToList();

        void Keep(List<BackupName> ordered, Dictionary<string, List<string>> kept, string rule, int count, Func<DateTime, (int, int, int, int)> period)
        {
            (int, int, int, int)? last = null;
            var periods = 0;
            foreach (var backup in ordered)
            {
                if (periods >= count)
                    return;
                var current = period(TimeZoneInfo.ConvertTime(backup.Taken, zone).DateTime);
                if (current == last)
                    continue;
                last = current;
                periods++;
                kept[backup.Id].Add(rule);
            }
        }
    }
}
