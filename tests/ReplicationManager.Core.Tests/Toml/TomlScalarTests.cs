using ReplicationManager.Toml;

namespace ReplicationManager.Core.Tests.Toml;

/// <summary>Integers, floats, booleans and strings decode to the values TOML 1.0 defines.</summary>
public sealed class TomlScalarTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("-0", 0)]
    [InlineData("+17", 17)]
    [InlineData("1_000_000", 1_000_000)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0xDEAD_beef", 0xDEADBEEF)]
    [InlineData("0x7FFFFFFFFFFFFFFF", long.MaxValue)]
    [InlineData("0x0000_00ff", 255)]
    [InlineData("0o755", 493)]
    [InlineData("0b1101_0110", 214)]
    public void ReadsIntegers(string text, long expected)
    {
        var value = Assert.IsType<TomlInteger>(TomlReader.Parse($"v = {text}")["v"]);

        Assert.Equal(expected, value.Value);
    }

    [Theory]
    [InlineData("1.0", 1.0)]
    [InlineData("-3.1415", -3.1415)]
    [InlineData("5e+22", 5e+22)]
    [InlineData("1e06", 1e6)]
    [InlineData("-2E-2", -2E-2)]
    [InlineData("6.626e-34", 6.626e-34)]
    [InlineData("224_617.445_991_228", 224_617.445_991_228)]
    [InlineData("1e-400", 0.0)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("+inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    public void ReadsFloats(string text, double expected)
    {
        var value = Assert.IsType<TomlFloat>(TomlReader.Parse($"v = {text}")["v"]);

        Assert.Equal(expected, value.Value);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("+nan")]
    [InlineData("-nan")]
    public void ReadsNotANumber(string text) =>
        Assert.True(double.IsNaN(Assert.IsType<TomlFloat>(TomlReader.Parse($"v = {text}")["v"]).Value));

    [Fact]
    public void KeepsTheSignOfZero()
    {
        var value = Assert.IsType<TomlFloat>(TomlReader.Parse("v = -0.0")["v"]);

        Assert.True(double.IsNegative(value.Value));
        Assert.Equal("-0", value.ToString());
    }

    [Fact]
    public void ReadsBooleans()
    {
        var root = TomlReader.Parse("yes = true\nno = false # comment\n");

        Assert.True(Assert.IsType<TomlBoolean>(root["yes"]).Value);
        Assert.False(Assert.IsType<TomlBoolean>(root["no"]).Value);
    }

    [Theory]
    [InlineData("\"tab\\there\"", "tab\there")]
    [InlineData("\"\\b\\t\\n\\f\\r\\\"\\\\\"", "\b\t\n\f\r\"\\")]
    [InlineData("\"\\u00E9\\U0001F600\"", "é😀")]
    [InlineData("'C:\\Users\\nodejs'", "C:\\Users\\nodejs")]
    [InlineData("''", "")]
    [InlineData("\"\"\"\nRoses\nViolets\"\"\"", "Roses\nViolets")]
    [InlineData("\"\"\"\r\nRoses\r\nViolets\"\"\"", "Roses\nViolets")]
    [InlineData("\"\"\"The quick \\\n\n   brown \\   \r\n  fox.\"\"\"", "The quick brown fox.")]
    [InlineData("\"\"\"\"quoted\"\"\"\"", "\"quoted\"")]
    [InlineData("\"\"\"two: \"\"\"\"\"", "two: \"\"")]
    [InlineData("'''\nfirst newline trimmed\n  \\n stays'''", "first newline trimmed\n  \\n stays")]
    [InlineData("''''That,' she said'''", "'That,' she said")]
    public void ReadsStrings(string text, string expected)
    {
        var value = Assert.IsType<TomlString>(TomlReader.Parse($"v = {text}")["v"]);

        Assert.Equal(expected, value.Value);
    }

    [Fact]
    public void ReadsArraysOfMixedTypesOverSeveralLines()
    {
        var root = TomlReader.Parse("mixed = [\n  1, # one\n  'two',\n  [3.0],\n  { four = 4 },\n]\n");
        var mixed = Assert.IsType<TomlArray>(root["mixed"]);

        Assert.Equal(
            [TomlValueKind.Integer, TomlValueKind.String, TomlValueKind.Array, TomlValueKind.Table],
            mixed.Select(value => value.Kind));
    }

    [Fact]
    public void AllowsMultiLineValuesInsideAnInlineTable()
    {
        var root = TomlReader.Parse("t = { list = [\n1,\n2], text = \"\"\"\nx\"\"\" }\n");
        var table = Assert.IsType<TomlTable>(root["t"]);

        Assert.Equal(2, Assert.IsType<TomlArray>(table["list"]).Count);
        Assert.Equal("x", Assert.IsType<TomlString>(table["text"]).Value);
    }
}
