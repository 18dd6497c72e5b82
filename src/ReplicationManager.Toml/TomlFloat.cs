using System.Globalization;

namespace ReplicationManager.Toml;

/// <summary>An IEEE 754 binary64 float.</summary>
public sealed class TomlFloat : TomlValue
{
    internal TomlFloat(TomlPosition position, double value)
        : base(position) => Value = value;

    public double Value { get; }

    public override TomlValueKind Kind => TomlValueKind.Float;

    /// <summary>The value in TOML syntax: <c>nan</c>, <c>inf</c>, <c>-inf</c>, or the shortest round-trip form.</summary>
    public override string ToString() => Value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(Value) => "nan",
        _ => Value.ToString("R", CultureInfo.InvariantCulture),
    };
}
