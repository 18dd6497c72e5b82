using System.Text.Json;
using ReplicationManager.Toml;
using TomlTestDecoder;

namespace ReplicationManager.Core.Tests.Toml;

/// <summary>Every TOML 1.0.0 case of toml-test, one theory row per file.</summary>
public sealed class TomlTestSuiteTests
{
    public static TheoryData<string> ValidCases => TomlTestSuite.Cases("valid/");

    public static TheoryData<string> InvalidCases => TomlTestSuite.Cases("invalid/");

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void DecodesValidCase(string file)
    {
        var toml = TomlTestSuite.Read(file);
        using var expected = JsonDocument.Parse(TomlTestSuite.Read(Path.ChangeExtension(file, ".json")));

        var fromBytes = TaggedJson.Serialize(TomlReader.Parse(toml, file));
        var fromText = TaggedJson.Serialize(TomlReader.Parse(TomlTestSuite.StrictUtf8.GetString(toml), file));

        Assert.Equal(fromBytes, fromText);
        using var actual = JsonDocument.Parse(fromBytes);
        var difference = TaggedJsonComparison.Difference(expected.RootElement, actual.RootElement);
        Assert.True(difference is null, $"{file}: {difference}{Environment.NewLine}{fromBytes}");
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void RejectsInvalidCase(string file)
    {
        var toml = TomlTestSuite.Read(file);

        var error = Assert.Throws<TomlException>(() => TomlReader.Parse(toml, file));

        Assert.Equal(file, error.SourceName);
        Assert.InRange(error.Line, 1, toml.Count(b => b == '\n') + 1);
        Assert.InRange(error.Column, 1, toml.Length + 1);
        Assert.Equal($"{file}:{error.Line}:{error.Column}: {error.Reason}", error.Message);
        if (TomlTestSuite.TryDecode(toml, out var text))
        {
            var fromText = Assert.Throws<TomlException>(() => TomlReader.Parse(text, file));
            Assert.Equal(error.Message, fromText.Message);
        }
    }

    [Fact]
    public void RunsTheWholeListOfTheSuite()
    {
        var valid = TomlTestSuite.Documents.Count(path => path.StartsWith("valid/", StringComparison.Ordinal));
        var invalid = TomlTestSuite.Documents.Count(path => path.StartsWith("invalid/", StringComparison.Ordinal));

        Assert.Equal(210, valid);
        Assert.Equal(499, invalid);
        Assert.Equal(valid + invalid, TomlTestSuite.Documents.Count);
        Assert.All(TomlTestSuite.Documents, path => Assert.True(File.Exists(Path.Combine(TomlTestSuite.Root, path)), path));
        Assert.All(
            TomlTestSuite.Documents.Where(path => path.StartsWith("valid/", StringComparison.Ordinal)),
            path => Assert.True(File.Exists(Path.Combine(TomlTestSuite.Root, Path.ChangeExtension(path, ".json"))), path));
    }
}
