namespace ReplicationManager.Toml;

/// <summary>true or false.</summary>
public sealed class TomlBoolean : TomlValue
{
    internal TomlBoolean(TomlPosition position, bool value)
        : base(position) => Value = value;

    public bool Value { get; }

    public override TomlValueKind Kind => TomlValueKind.Boolean;

    public override string ToString() => Value ? "true" : "false";
}
