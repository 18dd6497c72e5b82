using System.Globalization;

namespace ReplicationManager.Toml;

/// <summary>A 64-bit signed integer, whichever base it was written in.</summary>
public sealed class TomlInteger : TomlValue
{
    internal TomlInteger(TomlPosition position, long value)
        : base(position) => Value = value;

    public long Value { get; }

    public override TomlValueKind Kind => TomlValueKind.Integer;

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
