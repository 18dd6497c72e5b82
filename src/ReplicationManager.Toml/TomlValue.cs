namespace ReplicationManager.Toml;

/// <summary>A value read from a TOML document, with the place it was written.</summary>
public abstract class TomlValue
{
    private protected TomlValue(TomlPosition position) => Position = position;

    /// <summary>
    /// Where the value starts. For a table defined by a header, the header's first bracket; for a table made by
    /// a dotted key or by a header naming one of its sub-tables, that part of the key.
    /// </summary>
    public TomlPosition Position { get; internal set; }

    public abstract TomlValueKind Kind { get; }
}
