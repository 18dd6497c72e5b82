namespace ReplicationManager.Toml;

/// <summary>A date and time with a UTC offset, such as <c>1979-05-27T00:32:00-07:00</c>.</summary>
public sealed class TomlOffsetDateTime : TomlValue
{
    private readonly string _offsetText;

    internal TomlOffsetDateTime(TomlPosition position, TomlDate date, TomlTime time, TimeSpan offset, string offsetText)
        : base(position)
    {
        Date = date;
        Time = time;
        Offset = offset;
        _offsetText = offsetText;
    }

    public TomlDate Date { get; }

    public TomlTime Time { get; }

    /// <summary>The offset from UTC; zero for <c>Z</c> and for RFC 3339's "unknown local offset" <c>-00:00</c>.</summary>
    public TimeSpan Offset { get; }

    public override TomlValueKind Kind => TomlValueKind.OffsetDateTime;

    /// <summary>
    /// The value as a <see cref="DateTimeOffset"/>, truncated to 100 ns; a leap second rolls into the next minute.
    /// Throws <see cref="ArgumentOutOfRangeException"/> for year 0000 and for instants .NET cannot hold.
    /// </summary>
    public DateTimeOffset ToDateTimeOffset() =>
        new DateTimeOffset(Date.ToDateOnly().ToDateTime(TimeOnly.MinValue), Offset) + Time.ToTimeSpan();

    /// <summary>The normalized text: date, <c>T</c>, time with its fraction as written, then <c>Z</c> or the offset as written.</summary>
    public override string ToString() => $"{Date}T{Time}{_offsetText}";
}
