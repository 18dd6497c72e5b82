using System.Text.Json;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Topology;

public sealed class GtidListTests
{
    [Fact]
    public void ParsesMariaDbListsWithSpacesAndNewLines()
    {
        Assert.True(GtidList.TryParse("0-11-30, 1-12-5,\n2-13-18446744073709551615", out var list));

        Assert.Equal([new GtidPosition(0, 11, 30), new GtidPosition(1, 12, 5), new GtidPosition(2, 13, ulong.MaxValue)], list.Positions);
        Assert.Equal("0-11-30,1-12-5,2-13-18446744073709551615", list.ToString());
        Assert.Equal((ulong?)5, list.SequenceOf(1, 12));
        Assert.Null(list.SequenceOf(1, 11));
    }

    [Theory]
    [InlineData("3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5")]
    [InlineData("0-11")]
    [InlineData("a-b-c")]
    public void RefusesWhatIsNotAMariaDbList(string text)
    {
        Assert.False(GtidList.TryParse(text, out _));
        Assert.True(GtidList.ParseOrEmpty(text).IsEmpty);
    }

    [Fact]
    public void NotInListsTheWritersAndSequencesTheOtherListLacks()
    {
        var primary = GtidList.ParseOrEmpty("0-11-30,0-12-7");
        var replica = GtidList.ParseOrEmpty("0-11-25,0-12-8,0-13-1,4-11-1");

        Assert.Equal("0-12-8,0-13-1,4-11-1", string.Join(',', replica.NotIn(primary)));
        Assert.Empty(primary.NotIn(primary));
    }

    [Fact]
    public void ComparesByValueAndWritesJsonAsText()
    {
        var list = GtidList.ParseOrEmpty("0-11-30");

        Assert.Equal(GtidList.ParseOrEmpty("0-11-30"), list);
        Assert.True(list == GtidList.ParseOrEmpty(" 0-11-30 "));
        Assert.Equal("\"0-11-30\"", JsonSerializer.Serialize(list));
        Assert.Equal(list, JsonSerializer.Deserialize<GtidList>("\"0-11-30\""));
    }
}
