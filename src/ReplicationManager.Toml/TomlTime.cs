using System.Globalization;

namespace ReplicationManager.Toml;

/// <summary>
/// A time of day as TOML writes it. The fractional second keeps every digit written, since TOML sets no limit
/// and .NET's types stop at 100 ns.
/// </summary>
public readonly record struct TomlTime
{
    private const int TickDigits = 7;
    private readonly string? _fraction;

    public TomlTime(int hour, int minute, int second, string fraction = "")
    {
        ArgumentNullException.ThrowIfNull(fraction);
        Hour = hour;
        Minute = minute;
        Second = second;
        _fraction = fraction;
    }

    public int Hour { get; }

    public int Minute { get; }

    /// <summary>0 to 60: RFC 3339 allows a leap second.</summary>
    public int Second { get; }

    /// <summary>The digits after the decimal point, exactly as written; empty when there were none.</summary>
    public string Fraction => _fraction ?? string.Empty;

    /// <summary>
    /// The time since midnight, truncated (not rounded) to 100 ns. A leap second counts as a whole second, so
    /// 23:59:60 is 24:00:00, the way Go's time package normalizes it.
    /// </summary>
    public TimeSpan ToTimeSpan()
    {
        var fraction = Fraction;
        long ticks = 0;
        for (var i = 0; i < TickDigits; i++)
            ticks = (ticks * 10) + (i < fraction.Length ? fraction[i] - '0' : 0);
        return new TimeSpan(Hour, Minute, Second) + TimeSpan.FromTicks(ticks);
    }

    /// <summary>The time as <c>HH:MM:SS</c>, followed by the fraction as written, if any.</summary>
    public override string ToString() => Fraction.Length == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Hour:D2}:{Minute:D2}:{Second:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"{Hour:D2}:{Minute:D2}:{Second:D2}.{Fraction}");

    public bool Equals(TomlTime other) =>
        Hour == other.Hour && Minute == other.Minute && Second == other.Second && Fraction == other.Fraction;

    public override int GetHashCode() => HashCode.Combine(Hour, Minute, Second, Fraction);
}
