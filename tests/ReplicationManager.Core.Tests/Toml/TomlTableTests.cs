using ReplicationManager.Toml;

namespace ReplicationManager.Core.Tests.Toml;

/// <summary>The table API: document order, key and value positions, and how each table was written.</summary>
public sealed class TomlTableTests
{
    [Fact]
    public void KeysEnumerateInDocumentOrder()
    {
        var root = TomlReader.Parse("zeta = 1\nalpha = 2\nmid.x = 3\n[later]\nb = 1\na = 2\n");

        Assert.Equal(["zeta", "alpha", "mid", "later"], root.Keys);
        Assert.Equal(["zeta", "alpha", "mid", "later"], root.Select(entry => entry.Key));
        Assert.Equal(["b", "a"], Table(root, "later").Keys);
    }

    [Fact]
    public void LargeTablesKeepDocumentOrderAndFindEveryKey()
    {
        var names = Enumerable.Range(0, 40).Select(i => $"key-{39 - i:D2}").ToList();
        var root = TomlReader.Parse(string.Concat(names.Select((name, i) => $"{name} = {i}\n")));

        Assert.Equal(names, root.Keys);
        Assert.All(names.Select((name, i) => (name, i)), pair => Assert.Equal(pair.i, Integer(root, pair.name)));
        Assert.Equal(new TomlPosition(40, 1), root.GetKeyPosition("key-00"));
    }

    [Fact]
    public void KeyPositionsPointAtTheKeyPartThatNamesEachEntry()
    {
        var root = TomlReader.Parse("  port = 1\n[server.api]\n  bind . address = 'x'\n");
        var server = Table(root, "server");
        var api = Table(server, "api");

        Assert.Equal(new TomlPosition(1, 3), root.GetKeyPosition("port"));
        Assert.Equal(new TomlPosition(2, 2), root.GetKeyPosition("server"));
        Assert.Equal(new TomlPosition(2, 9), server.GetKeyPosition("api"));
        Assert.Equal(new TomlPosition(3, 3), api.GetKeyPosition("bind"));
        Assert.Equal(new TomlPosition(3, 10), Table(api, "bind").GetKeyPosition("address"));
    }

    [Fact]
    public void ATableFirstNamedAsAParentMovesToTheHeaderThatDefinesIt()
    {
        var root = TomlReader.Parse("[a.b]\nx = 1\n\n[ a ]\ny = 2\n");

        Assert.Equal(new TomlPosition(4, 3), root.GetKeyPosition("a"));
        Assert.Equal(new TomlPosition(4, 1), root["a"].Position);
        Assert.Equal(["b", "y"], Table(root, "a").Keys);
    }

    [Fact]
    public void ValuePositionsPointAtTheirFirstCharacter()
    {
        var root = TomlReader.Parse("s = \"x\"\nn = -5\nd = 1979-05-27\narr = [ 1, [2] ]\n[t]\n[[aot]]\n[[aot]]\n");
        var array = (TomlArray)root["arr"];
        var tables = (TomlArray)root["aot"];

        Assert.Equal(new TomlPosition(1, 5), root["s"].Position);
        Assert.Equal(new TomlPosition(2, 5), root["n"].Position);
        Assert.Equal(new TomlPosition(3, 5), root["d"].Position);
        Assert.Equal(new TomlPosition(4, 7), array.Position);
        Assert.Equal(new TomlPosition(4, 9), array[0].Position);
        Assert.Equal(new TomlPosition(4, 12), array[1].Position);
        Assert.Equal(new TomlPosition(4, 13), ((TomlArray)array[1])[0].Position);
        Assert.Equal(new TomlPosition(5, 1), root["t"].Position);
        Assert.Equal(new TomlPosition(6, 1), tables.Position);
        Assert.Equal(new TomlPosition(7, 1), tables[1].Position);
        Assert.Equal(new TomlPosition(1, 1), root.Position);
    }

    [Fact]
    public void TellsInlineTablesFromOthers()
    {
        var root = TomlReader.Parse("a = { b.c = 1, d = {} }\ne.f = 1\n[t]\n");
        var inline = Table(root, "a");

        Assert.True(inline.IsInline);
        Assert.True(Table(inline, "b").IsInline);
        Assert.True(Table(inline, "d").IsInline);
        Assert.False(Table(root, "e").IsInline);
        Assert.False(Table(root, "t").IsInline);
        Assert.False(root.IsInline);
    }

    [Fact]
    public void TellsArraysOfTablesFromStaticArrays()
    {
        var root = TomlReader.Parse("static = [{ name = 'a' }]\n[[built]]\nname = 'b'\n[[built]]\n");

        Assert.False(((TomlArray)root["static"]).IsArrayOfTables);
        var built = (TomlArray)root["built"];
        Assert.True(built.IsArrayOfTables);
        Assert.Equal(2, built.Count);
        Assert.Equal("b", Assert.IsType<TomlString>(((TomlTable)built[0])["name"]).Value);
    }

    [Fact]
    public void SubTablesOfAnArrayOfTablesGoToItsLastElement()
    {
        var root = TomlReader.Parse("[[fruits]]\nname = 'apple'\n[fruits.physical]\ncolor = 'red'\n[[fruits]]\nname = 'banana'\n");
        var fruits = (TomlArray)root["fruits"];

        Assert.Equal(["name", "physical"], ((TomlTable)fruits[0]).Keys);
        Assert.Equal(["name"], ((TomlTable)fruits[1]).Keys);
    }

    [Fact]
    public void LooksUpKeysLikeAReadOnlyDictionary()
    {
        var root = TomlReader.Parse("a = 1\n\"b c\" = 2\n");

        Assert.Equal(2, root.Count);
        Assert.True(root.ContainsKey("b c"));
        Assert.False(root.ContainsKey("B C"));
        Assert.True(root.TryGetValue("a", out var a));
        Assert.Equal(1, ((TomlInteger)a).Value);
        Assert.False(root.TryGetValue("missing", out _));
        Assert.False(root.TryGetKeyPosition("missing", out _));
        Assert.Equal([1L, 2L], root.Values.Select(value => ((TomlInteger)value).Value));
        Assert.Throws<KeyNotFoundException>(() => root["missing"]);
        Assert.Throws<KeyNotFoundException>(() => root.GetKeyPosition("missing"));
    }

    [Fact]
    public void NamesValueTypesForConfigurationErrors()
    {
        var root = TomlReader.Parse(
            "s = ''\ni = 1\nf = 1.0\nb = true\nodt = 1979-05-27T07:32:00Z\nldt = 1979-05-27T07:32:00\n" +
            "ld = 1979-05-27\nlt = 07:32:00\na = []\nit = {}\n[t]\n[[aot]]\n");

        Assert.Equal(
            ["a string", "an integer", "a float", "a boolean", "an offset date-time", "a local date-time", "a local date",
                "a local time", "an array", "an inline table", "a table", "an array of tables"],
            root.Values.Select(TomlTypeName.Of));
        Assert.Equal("expected a string, got an integer", $"expected {TomlTypeName.Of(TomlValueKind.String)}, got {TomlTypeName.Of(root["i"])}");
        Assert.Equal("an array", TomlTypeName.Of(TomlValueKind.Array));
    }

    private static TomlTable Table(TomlTable table, string key) => Assert.IsType<TomlTable>(table[key]);

    private static long Integer(TomlTable table, string key) => Assert.IsType<TomlInteger>(table[key]).Value;
}
