using System.Globalization;

namespace ReplicationManager.Toml;

/// <summary>A calendar date as TOML writes it (RFC 3339 full-date: years 0000 to 9999, proleptic Gregorian).</summary>
public readonly record struct TomlDate
{
    public TomlDate(int year, int month, int day)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, DaysInMonth(year, month));
        Year = year;
        Month = month;
        Day = day;
    }

    public int Year { get; }

    public int Month { get; }

    public int Day { get; }

    /// <summary>The date as a <see cref="DateOnly"/>; throws <see cref="ArgumentOutOfRangeException"/> for year 0000, which it cannot hold.</summary>
    public DateOnly ToDateOnly() => new(Year, Month, Day);

    /// <summary>The date as <c>YYYY-MM-DD</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}");

    /// <summary>Like <see cref="DateTime.DaysInMonth"/>, but year 0000 is valid (a leap year).</summary>
    internal static int DaysInMonth(int year, int month) => month switch
    {
        2 => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };
}
