namespace ReplicationManager.Toml;

/// <summary>
/// Names of value types as an operator reads them in an error, with their article:
/// <c>$"expected {TomlTypeName.Of(TomlValueKind.String)}, got {TomlTypeName.Of(value)}"</c>
/// gives "expected a string, got an integer".
/// </summary>
public static class TomlTypeName
{
    public static string Of(TomlValueKind kind) => kind switch
    {
        TomlValueKind.String => "a string",
        TomlValueKind.Integer => "an integer",
        TomlValueKind.Float => "a float",
        TomlValueKind.Boolean => "a boolean",
        TomlValueKind.OffsetDateTime => "an offset date-time",
        TomlValueKind.LocalDateTime => "a local date-time",
        TomlValueKind.LocalDate => "a local date",
        TomlValueKind.LocalTime => "a local time",
        TomlValueKind.Array => "an array",
        TomlValueKind.Table => "a table",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown TOML value kind"),
    };

    /// <summary>Like <see cref="Of(TomlValueKind)"/>, but says "an array of tables" and "an inline table" where that applies.</summary>
    public static string Of(TomlValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            TomlArray { IsArrayOfTables: true } => "an array of tables",
            TomlTable { IsInline: true } => "an inline table",
            _ => Of(value.Kind),
        };
    }
}
