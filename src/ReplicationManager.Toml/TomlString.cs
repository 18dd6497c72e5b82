namespace ReplicationManager.Toml;

/// <summary>A string, with escapes decoded and the newlines of multi-line strings normalized to LF.</summary>
public sealed class TomlString : TomlValue
{
    internal TomlString(TomlPosition position, string value)
        : base(position) => Value = value;

    public string Value { get; }

    public override TomlValueKind Kind => TomlValueKind.String;

    public override string ToString() => Value;
}
