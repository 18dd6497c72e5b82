using System.Text;
using ReplicationManager.Core.Monitoring;

namespace ReplicationManager.Core.Tests.Monitoring;

/// <summary>A probe keeps last tick's strings when the bytes are the same, and never when they differ.</summary>
public sealed class UnchangedTextTests
{
    [Theory]
    [InlineData("0-11-42", "0-11-42", true)]
    [InlineData("0-11-42", "0-11-43", false)]
    [InlineData("0-11-42", "0-11-4", false)]
    [InlineData("", "", true)]
    [InlineData("é", "é", false)] // not ASCII: decoded, never matched char for byte
    [InlineData("ON", "on", false)]
    public void KeepsThePreviousStringOnlyForTheSameAsciiBytes(string previous, string read, bool kept)
    {
        var text = UnchangedText.Text(Encoding.UTF8.GetBytes(read), previous);

        Assert.Equal(read, text);
        Assert.Equal(kept, ReferenceEquals(previous, text));
    }

    [Theory]
    [InlineData("read_only", "READ_ONLY")]
    [InlineData("GTID_BINLOG_POS", "GTID_BINLOG_POS")]
    [InlineData("binlog_snapshot_file", "BINLOG_SNAPSHOT_FILE")]
    [InlineData("not_one_of_ours", "NOT_ONE_OF_OURS")]
    public void NamesAreUpperCaseAndOursAreTheConstants(string read, string name)
    {
        var first = UnchangedText.Name(Encoding.UTF8.GetBytes(read));
        var second = UnchangedText.Name(Encoding.UTF8.GetBytes(read));

        Assert.Equal(name, first);
        Assert.Equal(name != "NOT_ONE_OF_OURS", ReferenceEquals(first, second));
    }

    [Fact]
    public void NamedValuesReadLikeADictionaryInTheIndexOrder()
    {
        var index = new NameIndex(["SERVER_ID", "READ_ONLY", "PORT"]);
        var values = new NamedValues<string>(index, ["11", "OFF", "3306"]);

        Assert.Equal("OFF", values["read_only"]);
        Assert.True(values.ContainsKey("Port"));
        Assert.False(values.TryGetValue("DATADIR", out _));
        Assert.Throws<KeyNotFoundException>(() => values["DATADIR"]);
        Assert.Equal(["SERVER_ID=11", "READ_ONLY=OFF", "PORT=3306"], values.Select(pair => $"{pair.Key}={pair.Value}"));
        Assert.True(index.IsFor(["SERVER_ID", "READ_ONLY", "PORT"]));
        Assert.False(index.IsFor(["SERVER_ID", "PORT", "READ_ONLY"]));
    }
}
