using System.Globalization;

namespace ReplicationManager.Core.Metrics.Whisper;

/// <summary>One resolution of a retention policy, as carbon's storage-schemas write it: <c>10s:6h</c> (step:duration).</summary>
public sealed record Retention(uint SecondsPerPoint, uint Points)
{
    /// <summary>Reads <c>10s:6h,1m:7d,10m:1y</c>; steps must grow and each must divide the next.</summary>
    public static IReadOnlyList<Retention> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();
        if (list.Count == 0)
            throw new FormatException("a retention needs at least one step:duration, e.g. 10s:6h");
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].SecondsPerPoint <= list[i - 1].SecondsPerPoint || list[i].SecondsPerPoint % list[i - 1].SecondsPerPoint != 0)
                throw new FormatException($"each step must be a multiple of the one before: {list[i - 1].SecondsPerPoint}s then {list[i].SecondsPerPoint}s");
            if ((long)list[i].SecondsPerPoint * list[i].Points <= (long)list[i - 1].SecondsPerPoint * list[i - 1].Points)
                throw new FormatException("each archive must keep longer than the one before");
        }
        return list;
    }

    private static Retention Parse(string part)
    {
        var pieces = part.Split(':');
        if (pieces.Length != 2)
            throw new FormatException($"'{part}' is not step:duration (e.g. 1m:7d)");
        var step = Seconds(pieces[0], part);
        var duration = Seconds(pieces[1], part);
        if (step == 0 || duration < step)
            throw new FormatException($"'{part}': the duration must hold at least one step");
        return new Retention((uint)step, (uint)(duration / step));
    }

    private static long Seconds(string text, string part)
    {
        var unit = text.Length > 0 && char.IsLetter(text[^1]) ? text[^1] : 's';
        var digits = char.IsLetter(text[^1]) ? text[..^1] : text;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw new FormatException($"'{part}': '{text}' is not a number with a unit (s, m, h, d, w, y)");
        return number * unit switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            'w' => 604800,
            'y' => 31536000,
            _ => throw new FormatException($"'{part}': unit '{unit}' is not one of s, m, h, d, w, y"),
        };
    }
}
