using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ReplicationManager.Core.Scheduling;

/// <summary>The six fields of a cron expression as bit sets, one bit per allowed value.</summary>
internal sealed class CronFields
{
    private static readonly CronField[] Layout =
    [
        new("second", 0, 59, []),
        new("minute", 0, 59, []),
        new("hour", 0, 23, []),
        new("day-of-month", 1, 31, []),
        new("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
        new("day-of-week", 0, 6, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
    ];

    private readonly ulong[] _bits;
    private readonly bool _dayOfMonthIsStar;
    private readonly bool _dayOfWeekIsStar;

    private CronFields(ulong[] bits, bool dayOfMonthIsStar, bool dayOfWeekIsStar)
    {
        _bits = bits;
        _dayOfMonthIsStar = dayOfMonthIsStar;
        _dayOfWeekIsStar = dayOfWeekIsStar;
    }

    public bool SecondMatches(int second) => Has(0, second);

    public bool MinuteMatches(int minute) => Has(1, minute);

    public bool HourMatches(int hour) => Has(2, hour);

    public bool MonthMatches(int month) => Has(4, month);

    public bool DayMatches(DateTime date)
    {
        var dayOfMonth = Has(3, date.Day);
        var dayOfWeek = Has(5, (int)date.DayOfWeek);
        return _dayOfMonthIsStar || _dayOfWeekIsStar ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
    }

    public static bool TryParse(string[] fields, [NotNullWhen(true)] out CronFields? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        var bits = new ulong[6];
        var stars = new bool[6];
        for (var i = 0; i < 6; i++)
        {
            if (!Layout[i].TryParse(fields[i], out bits[i], out stars[i], out error))
                return false;
        }
        parsed = new CronFields(bits, stars[3], stars[5]);
        error = null;
        return true;
    }

    private bool Has(int field, int value) => (_bits[field] & (1UL << value)) != 0;

    private sealed record CronField(string Name, int Min, int Max, string[] Names)
    {
        public bool TryParse(string text, out ulong bits, out bool isStar, [NotNullWhen(false)] out string? error)
        {
            bits = 0;
            isStar = false;
            foreach (var part in text.Split(','))
            {
                if (!TryParseRange(part, ref bits, ref isStar, out error))
                    return false;
            }
            error = null;
            return true;
        }

        private bool TryParseRange(string part, ref ulong bits, ref bool isStar, [NotNullWhen(false)] out string? error)
        {
            var slash = part.Split('/');
            if (slash.Length > 2 || part.Length == 0)
            {
                error = $"{Name} field: '{part}' is not a value, range or step";
                return false;
            }
            var step = 1;
            if (slash.Length == 2 && (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
            {
                error = $"{Name} field: step '{slash[1]}' in '{part}' must be a positive number";
                return false;
            }
            int start, end;
            var range = slash[0];
            if (range is "*" or "?")
            {
                (start, end) = (Min, Max);
                isStar |= step == 1;
            }
            else
            {
                var dash = range.Split('-');
                if (dash.Length > 2)
                {
                    error = $"{Name} field: '{part}' is not a value, range or step";
                    return false;
                }
                if (!TryValue(dash[0], part, out start, out error))
                    return false;
                end = start;
                if (dash.Length == 2 && !TryValue(dash[1], part, out end, out error))
                    return false;
                // Go's cron reads "N/step" as "N-max/step".
                if (dash.Length == 1 && slash.Length == 2)
                    end = Max;
                if (start > end)
                {
                    error = $"{Name} field: range '{range}' starts after it ends";
                    return false;
                }
            }
            for (var value = start; value <= end; value += step)
                bits |= 1UL << value;
            error = null;
            return true;
        }

        private bool TryValue(string text, string part, out int value, [NotNullWhen(false)] out string? error)
        {
            var named = Array.FindIndex(Names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
            if (named >= 0)
            {
                value = named + Min;
                error = null;
                return true;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
            {
                error = $"{Name} field: '{text}' in '{part}' is not a number{(Names.Length > 0 ? " or a name" : "")}";
                return false;
            }
            // Sunday may be written 7, as in most crons.
            if (Name == "day-of-week" && value == 7)
                value = 0;
            if (value < Min || value > Max)
            {
                error = $"{Name} field: {value} is out of range {Min}-{Max}";
                return false;
            }
            error = null;
            return true;
        }
    }
}
