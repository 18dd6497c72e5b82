using System.Text;
using ReplicationManager.Toml;

namespace ReplicationManager.Core.Tests.Toml;

/// <summary>The three ways in: text, UTF-8 bytes, and a file.</summary>
public sealed class TomlReaderTests
{
    [Fact]
    public void ParsesAFileAndNamesItInErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"repman-toml-{Guid.NewGuid():N}.toml");
        try
        {
            File.WriteAllText(path, "[Default]\nmonitoring-ticker = 2\nmonitoring-ticker = 3\n");

            var error = Assert.Throws<TomlException>(() => TomlReader.ParseFile(path));

            Assert.Equal($"{path}:3:1: duplicate key \"monitoring-ticker\" in table [Default] (first defined at line 2)", error.Message);
            File.WriteAllText(path, "[Default]\nmonitoring-ticker = 2\n");
            Assert.Equal(2, ((TomlInteger)((TomlTable)TomlReader.ParseFile(path)["Default"])["monitoring-ticker"]).Value);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SkipsAByteOrderMarkInBytesAndText()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "a = 1 # é\n"u8];

        var fromBytes = TomlReader.Parse(bytes);
        var fromText = TomlReader.Parse("\uFEFFa = 1 # é\n");

        Assert.Equal(new TomlPosition(1, 1), fromBytes.GetKeyPosition("a"));
        Assert.Equal(new TomlPosition(1, 1), fromText.GetKeyPosition("a"));
    }

    [Fact]
    public void ReadsAnEmptyDocument()
    {
        Assert.Empty(TomlReader.Parse(string.Empty));
        Assert.Empty(TomlReader.Parse(ReadOnlySpan<byte>.Empty));
        Assert.Empty(TomlReader.Parse("\n  # only a comment\r\n\t\n"));
    }

    [Fact]
    public void ReadsNonAsciiKeysAndValuesFromBytes()
    {
        var root = TomlReader.Parse(Encoding.UTF8.GetBytes("\"ʎǝʞ\" = \"値 😀\"\n"));

        Assert.Equal("値 😀", ((TomlString)root["ʎǝʞ"]).Value);
    }

    [Fact]
    public void RejectsNullArguments()
    {
        Assert.Throws<ArgumentNullException>(() => TomlReader.Parse((string)null!));
        Assert.Throws<ArgumentNullException>(() => TomlReader.ParseFile(null!));
    }
}
