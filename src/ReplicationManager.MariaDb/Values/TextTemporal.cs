namespace ReplicationManager.MariaDb.Values;

/// <summary>
/// Dates and times as the server writes them: <c>YYYY-MM-DD</c>, <c>YYYY-MM-DD HH:MM:SS[.ffffff]</c> and TIME's
/// <c>[-]H...H:MM:SS[.ffffff]</c>, which may be negative and exceed 24 hours.
/// </summary>
internal static class TextTemporal
{
    /// <summary>A date with a zero year, month or day, such as <c>0000-00-00</c>, which .NET cannot represent.</summary>
    public static bool IsZeroDate(ReadOnlySpan<byte> text) =>
        text.Length >= 10 && (text[..4].SequenceEqual("0000"u8) || text.Slice(5, 2).SequenceEqual("00"u8) || text.Slice(8, 2).SequenceEqual("00"u8));

    public static bool TryParseDateTime(ReadOnlySpan<byte> text, out DateTime value)
    {
        value = default;
        if (text.Length < 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        if (text.Length == 10)
        {
            value = date;
            return true;
        }
        if (text[10] is not ((byte)' ' or (byte)'T') || !TryParseClock(text[11..], out var time, maxHours: 23) || time < TimeSpan.Zero)
            return false;
        value = date + time;
        return true;
    }

    public static bool TryParseTime(ReadOnlySpan<byte> text, out TimeSpan value)
    {
        var negative = text.Length > 0 && text[0] == '-';
        var parsed = TryParseClock(negative ? text[1..] : text, out value, maxHours: int.MaxValue);
        if (negative)
            value = -value;
        return parsed;
    }

    /// <summary>Parses <c>H+:MM:SS[.f{1,7}]</c>.</summary>
    private static bool TryParseClock(ReadOnlySpan<byte> text, out TimeSpan value, int maxHours)
    {
        value = default;
        var firstColon = text.IndexOf((byte)':');
        if (firstColon < 1 || text.Length < firstColon + 6 || text[firstColon + 3] != ':'
            || !TryDigits(text[..firstColon], out var hours) || hours > maxHours
            || !TryDigits(text.Slice(firstColon + 1, 2), out var minutes) || minutes > 59
            || !TryDigits(text.Slice(firstColon + 4, 2), out var seconds) || seconds > 59)
        {
            return false;
        }
        var ticks = ((hours * 60L + minutes) * 60 + seconds) * TimeSpan.TicksPerSecond;
        var rest = text[(firstColon + 6)..];
        if (rest.Length > 0)
        {
            var fraction = rest[1..];
            if (rest[0] != '.' || fraction.Length is 0 or > 7 || !TryDigits(fraction, out var digits))
                return false;
            for (var scale = fraction.Length; scale < 7; scale++)
                digits *= 10;
            ticks += digits;
        }
        value = TimeSpan.FromTicks(ticks);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 9)
            return false;
        foreach (var c in text)
        {
            if (c is < (byte)'0' or > (byte)'9')
                return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
