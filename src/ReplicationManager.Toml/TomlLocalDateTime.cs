namespace ReplicationManager.Toml;

/// <summary>A date and time without offset, such as <c>1979-05-27T07:32:00</c>.</summary>
public sealed class TomlLocalDateTime : TomlValue
{
    internal TomlLocalDateTime(TomlPosition position, TomlDate date, TomlTime time)
        : base(position)
    {
        Date = date;
        Time = time;
    }

    public TomlDate Date { get; }

    public TomlTime Time { get; }

    public override TomlValueKind Kind => TomlValueKind.LocalDateTime;

    /// <summary>
    /// The value as an unspecified-kind <see cref="DateTime"/>, truncated to 100 ns; a leap second rolls into the
    /// next minute. Throws <see cref="ArgumentOutOfRangeException"/> for year 0000.
    /// </summary>
    public DateTime ToDateTime() =>
        Date.ToDateOnly().ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + Time.ToTimeSpan();

    /// <summary>The normalized text: date, <c>T</c>, time with its fraction as written.</summary>
    public override string ToString() => $"{Date}T{Time}";
}
