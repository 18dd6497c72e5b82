using System.Globalization;

namespace ReplicationManager.Toml;

/// <summary>A calendar date as TOML writes it (RFC 3339 full-date: years 0000 to 9999, proleptic Gregorian).</summary>
public readonly record struct TomlDate(int Year, int Month, int Day)
{
    /// <summary>The date as a <see cref="DateOnly"/>; throws <see cref="ArgumentOutOfRangeException"/> for year 0000, which it cannot hold.</summary>
    public DateOnly ToDateOnly() => new(Year, Month, Day);

    /// <summary>The date as <c>YYYY-MM-DD</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}");
}
