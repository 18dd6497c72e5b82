using ReplicationManager.Toml;

namespace ReplicationManager.Core.Tests.Toml;

/// <summary>Nesting is bounded, so no document makes the reader or its consumers recurse without limit.</summary>
public sealed class TomlLimitsTests
{
    [Fact]
    public void AcceptsArraysNested128Deep()
    {
        var root = TomlReader.Parse($"a = {new string('[', 128)}{new string(']', 128)}");

        Assert.IsType<TomlArray>(root["a"]);
    }

    [Fact]
    public void RejectsArraysNestedDeeper()
    {
        var error = Assert.Throws<TomlException>(() => TomlReader.Parse($"a = {new string('[', 10_000)}{new string(']', 10_000)}"));

        Assert.Equal("1:133: tables and arrays are nested more than 128 deep", error.Message);
    }

    [Fact]
    public void RejectsInlineTablesNestedDeeper()
    {
        var document = "a = " + string.Concat(Enumerable.Repeat("{ b = ", 200)) + "1" + new string('}', 200);

        var error = Assert.Throws<TomlException>(() => TomlReader.Parse(document));

        Assert.Contains("nested more than 128 deep", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsKeysWithTooManyParts()
    {
        var error = Assert.Throws<TomlException>(() => TomlReader.Parse(string.Join('.', Enumerable.Repeat("a", 5_000)) + " = 1"));

        Assert.Equal("1:256: a key may have at most 128 dotted parts", error.Message);
    }

    [Fact]
    public void RejectsDottedKeysThatNestTooDeepThroughInlineTables()
    {
        var deepKey = string.Join('.', Enumerate(100));
        var document = $"a = {{ {deepKey} = {{ {deepKey} = 1 }} }}";

        var error = Assert.Throws<TomlException>(() => TomlReader.Parse(document));

        Assert.Contains("nested more than 128 deep", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsHeadersWith128Parts()
    {
        var root = TomlReader.Parse($"[{string.Join('.', Enumerate(128))}]\nx = 1\n");

        Assert.Equal(["k0"], root.Keys);
    }

    private static IEnumerable<string> Enumerate(int count) => Enumerable.Range(0, count).Select(i => $"k{i}");
}
