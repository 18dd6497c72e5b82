using System.Globalization;

namespace ReplicationManager.Core.Metrics.Render;

/// <summary>The render API's <c>from</c> and <c>until</c>: <c>now</c>, relative (<c>-1h</c>, <c>-30min</c>, <c>-7d</c>), or a Unix timestamp.</summary>
public static class GraphiteTime
{
    public static long Parse(string? text, long now, long whenMissing)
    {
        if (string.IsNullOrWhiteSpace(text))
            return whenMissing;
        text = text.Trim();
        if (text == "now")
            return now;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var absolute))
            return absolute;
        if (text[0] is '-' or '+')
        {
            var digits = new string(text[1..].TakeWhile(char.IsAsciiDigit).ToArray());
            var unit = text[(1 + digits.Length)..];
            if (digits.Length > 0 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && Unit(unit) is { } seconds)
                return now + ((text[0] == '-' ? -1 : 1) * amount * seconds);
        }
        throw new FormatException($"'{text}' is not a time: use now, -<n><unit> (s, min, h, d, w, mon, y) or a Unix timestamp");
    }

    private static long? Unit(string unit) => unit switch
    {
        "s" or "sec" or "second" or "seconds" => 1,
        "min" or "minute" or "minutes" => 60,
        "h" or "hour" or "hours" => 3600,
        "d" or "day" or "days" => 86400,
        "w" or "week" or "weeks" => 604800,
        "mon" or "month" or "months" => 2592000,
        "y" or "year" or "years" => 31536000,
        _ => null,
    };
}
