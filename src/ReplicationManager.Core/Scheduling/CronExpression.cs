using System.Diagnostics.CodeAnalysis;

namespace ReplicationManager.Core.Scheduling;

/// <summary>
/// A cron schedule in replication-manager's syntax: six fields with seconds first
/// (<c>0 0 */6 * * *</c>), five fields without seconds, or a descriptor (<c>@daily</c>, <c>@every 1h30m</c>),
/// optionally prefixed by <c>TZ=Zone</c>. Day-of-month and day-of-week combine as in Go's robfig/cron:
/// when either is <c>*</c> both must match, otherwise either may.
/// </summary>
public sealed class CronExpression
{
    private static readonly TimeSpan SearchHorizon = TimeSpan.FromDays(366 * 5);

    private readonly CronFields? _fields;
    private readonly TimeSpan? _every;
    private readonly TimeZoneInfo _zone;

    private CronExpression(string text, CronFields? fields, TimeSpan? every, TimeZoneInfo zone)
    {
        Text = text;
        _fields = fields;
        _every = every;
        _zone = zone;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    public override string ToString() => Text;

    public static CronExpression Parse(string text) =>
        TryParse(text, out var cron, out var error) ? cron : throw new FormatException(error);

    public static bool TryParse(string text, [NotNullWhen(true)] out CronExpression? cron, [NotNullWhen(false)] out string? error)
    {
        cron = null;
        var spec = text.Trim();
        var zone = TimeZoneInfo.Local;
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            var zoneId = space < 0 ? spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..] : spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..space];
            if (!TryFindZone(zoneId, out zone))
            {
                error = $"unknown time zone '{zoneId}'";
                return false;
            }
            spec = space < 0 ? "" : spec[(space + 1)..].Trim();
        }
        if (spec.Length == 0)
        {
            error = "empty cron expression";
            return false;
        }
        if (spec.StartsWith('@'))
            return TryParseDescriptor(text, spec, zone, out cron, out error);

        var fields = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 5)
            fields = ["0", .. fields];
        if (fields.Length != 6)
        {
            error = $"expected 6 fields (second minute hour day-of-month month day-of-week) or 5 without seconds, got {fields.Length}";
            return false;
        }
        if (!CronFields.TryParse(fields, out var parsed, out error))
            return false;
        cron = new CronExpression(text, parsed, null, zone);
        if (cron.GetNextOccurrence(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)) is null)
        {
            cron = null;
            error = "the expression never fires (no such date)";
            return false;
        }
        return true;
    }

    /// <summary>The first time strictly after <paramref name="after"/> that the schedule fires, or null if none within five years.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        if (_every is { } every)
            return after.AddTicks(-(after.Ticks % TimeSpan.TicksPerSecond)) + every;

        var fields = _fields!;
        var local = TimeZoneInfo.ConvertTime(after, _zone).DateTime;
        var t = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified).AddSeconds(1);
        var limit = t + SearchHorizon;
        while (t <= limit)
        {
            if (!fields.MonthMatches(t.Month))
            {
                t = new DateTime(t.Year, t.Month, 1).AddMonths(1);
                continue;
            }
            if (!fields.DayMatches(t))
            {
                t = t.Date.AddDays(1);
                continue;
            }
            if (!fields.HourMatches(t.Hour))
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0).AddHours(1);
                continue;
            }
            if (!fields.MinuteMatches(t.Minute))
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0).AddMinutes(1);
                continue;
            }
            if (!fields.SecondMatches(t.Second))
            {
                t = t.AddSeconds(1);
                continue;
            }
            // A wall-clock time skipped by a daylight-saving jump does not exist in the zone.
            if (_zone.IsInvalidTime(t))
            {
                t = t.AddSeconds(1);
                continue;
            }
            return new DateTimeOffset(t, _zone.GetUtcOffset(t));
        }
        return null;
    }

    private static bool TryParseDescriptor(string text, string spec, TimeZoneInfo zone, [NotNullWhen(true)] out CronExpression? cron, [NotNullWhen(false)] out string? error)
    {
        cron = null;
        if (spec.StartsWith("@every", StringComparison.Ordinal))
        {
            var durationText = spec["@every".Length..].Trim();
            if (!GoDuration.TryParse(durationText, out var every, out error))
                return false;
            if (every < TimeSpan.FromSeconds(1))
            {
                error = $"@every {durationText} is shorter than one second";
                return false;
            }
            cron = new CronExpression(text, null, every, zone);
            return true;
        }
        string? fields = spec switch
        {
            "@yearly" or "@annually" => "0 0 0 1 1 *",
            "@monthly" => "0 0 0 1 * *",
            "@weekly" => "0 0 0 * * 0",
            "@daily" or "@midnight" => "0 0 0 * * *",
            "@hourly" => "0 0 * * * *",
            _ => null,
        };
        if (fields is null)
        {
            error = $"unknown descriptor '{spec}' (known: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>)";
            return false;
        }
        if (!CronFields.TryParse(fields.Split(' '), out var parsed, out error))
            return false;
        cron = new CronExpression(text, parsed, null, zone);
        return true;
    }

    private static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = id is "UTC" or "Local" ? (id == "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.Local) : TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
