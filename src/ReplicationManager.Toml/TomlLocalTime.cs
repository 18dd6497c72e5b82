namespace ReplicationManager.Toml;

/// <summary>A local time of day, such as <c>07:32:00.999999</c>.</summary>
public sealed class TomlLocalTime : TomlValue
{
    internal TomlLocalTime(TomlPosition position, TomlTime time)
        : base(position) => Time = time;

    public TomlTime Time { get; }

    public override TomlValueKind Kind => TomlValueKind.LocalTime;

    /// <summary>The time truncated to 100 ns; a leap second at 23:59:60 wraps to midnight.</summary>
    public TimeOnly ToTimeOnly() => TimeOnly.MinValue.Add(Time.ToTimeSpan());

    /// <summary>The normalized text, <c>HH:MM:SS</c> and the fraction as written.</summary>
    public override string ToString() => Time.ToString();
}
