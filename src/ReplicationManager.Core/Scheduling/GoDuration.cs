using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ReplicationManager.Core.Scheduling;

/// <summary>Go's duration syntax as replication-manager writes it: <c>90s</c>, <c>1h30m</c>, <c>500ms</c>.</summary>
internal static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        duration = TimeSpan.Zero;
        var i = 0;
        if (text.Length == 0)
        {
            error = "a duration is required (for example 90s or 1h30m)";
            return false;
        }
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                i++;
            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                error = $"'{text}' is not a duration (for example 90s or 1h30m)";
                return false;
            }
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
                i++;
            var unit = text[unitStart..i] switch
            {
                "h" => TimeSpan.FromHours(1),
                "m" => TimeSpan.FromMinutes(1),
                "s" => TimeSpan.FromSeconds(1),
                "ms" => TimeSpan.FromMilliseconds(1),
                _ => (TimeSpan?)null,
            };
            if (unit is null)
            {
                error = $"'{text}' has unit '{text[unitStart..i]}'; use h, m, s or ms";
                return false;
            }
            duration += unit.Value * amount;
        }
        error = null;
        return true;
    }
}
