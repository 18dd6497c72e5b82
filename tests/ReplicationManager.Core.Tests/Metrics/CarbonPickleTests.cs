using ReplicationManager.Core.Metrics;

namespace ReplicationManager.Core.Tests.Metrics;

/// <summary>Pickles as Python 3.11 writes them for carbon (protocols 0, 2 and 4), and one that would run code.</summary>
public sealed class CarbonPickleTests
{
    private static readonly MetricPoint[] Expected =
    [
        new("a.b.c", 1.5, 1700000000), new("a.b.d", 2, 1700000000), new("big.n", 12345678901, 1700000001),
    ];

    [Theory]
    [InlineData("286c70300a2856612e622e630a70310a2849313730303030303030300a46312e350a7470320a7470330a612856612e622e640a70340a2846313730303030303030302e350a49320a7470350a7470360a6128566269672e6e0a70370a2849313730303030303030310a4c31323334353637383930314c0a7470380a7470390a612e")]
    [InlineData("80025d7100285805000000612e622e6371014a00f15365473ff80000000000008671028671035805000000612e622e6471044741d954fc402000004b0286710586710658050000006269672e6e71074a01f153658a05351cdcdf02867108867109652e")]
    [InlineData("8004954e000000000000005d94288c05612e622e63944a00f15365473ff8000000000000869486948c05612e622e64944741d954fc402000004b02869486948c056269672e6e944a01f153658a05351cdcdf0286948694652e")]
    public void ListsOfPathTimestampValueAreRead(string hex) => Assert.Equal(Expected, CarbonPickle.Parse(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("800263706f7369780a73797374656d0a71002e", "opcode 0x63")]
    [InlineData("80025d71", "ends inside a value")]
    [InlineData("80025d", "ends before STOP")]
    [InlineData("80024b012e", "does not hold a list")]
    public void AnythingElseIsRefusedNeverRun(string hex, string message)
    {
        var error = Assert.Throws<FormatException>(() => CarbonPickle.Parse(Convert.FromHexString(hex)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
