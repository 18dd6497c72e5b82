namespace ReplicationManager.Toml;

/// <summary>A local date, such as <c>1979-05-27</c>.</summary>
public sealed class TomlLocalDate : TomlValue
{
    internal TomlLocalDate(TomlPosition position, TomlDate date)
        : base(position) => Date = date;

    public TomlDate Date { get; }

    public override TomlValueKind Kind => TomlValueKind.LocalDate;

    /// <inheritdoc cref="TomlDate.ToDateOnly"/>
    public DateOnly ToDateOnly() => Date.ToDateOnly();

    /// <summary>The normalized text, <c>YYYY-MM-DD</c>.</summary>
    public override string ToString() => Date.ToString();
}
