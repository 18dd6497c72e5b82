using ReplicationManager.MariaDb;
using ReplicationManager.MariaDb.Protocol;

namespace ReplicationManager.Core.Tests.MariaDb;

/// <summary>The same statement sent again reuses its parsed columns; anything that differs is parsed and replaces them.</summary>
public sealed class ColumnSetCacheTests
{
    private static readonly FakeColumn[] Channels = [new("Connection_name"), new("Slave_IO_Running"), new("Seconds_Behind_Master", MariaDbColumnType.LongLong, 63)];

    [Fact]
    public void TheSameDefinitionsGiveTheSameColumnSet()
    {
        var cache = new ColumnSetCache();
        var first = Read(cache, 0, Channels);
        var second = Read(cache, 0, Channels);

        Assert.Same(first, second);
        Assert.Equal(["Connection_name", "Slave_IO_Running", "Seconds_Behind_Master"], second.Columns.Select(c => c.Name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void ADefinitionThatDiffersIsParsedAndReplacesTheEntry(int changed)
    {
        var cache = new ColumnSetCache();
        var first = Read(cache, 0, Channels);
        var other = Channels.Select((column, i) => i == changed ? column with { Name = "Renamed" } : column).ToArray();

        var second = Read(cache, 0, other);
        var third = Read(cache, 0, other);

        Assert.NotSame(first, second);
        Assert.Equal(other.Select(c => c.Name), second.Columns.Select(c => c.Name));
        Assert.Equal([0, 1, 2], second.Columns.Select(c => c.Ordinal));
        Assert.Equal(MariaDbColumnType.LongLong, second.Columns[2].Type);
        Assert.Same(second, third);
    }

    [Fact]
    public void ResultSetsAreKeptByTheirPositionInTheResponse()
    {
        var cache = new ColumnSetCache();
        FakeColumn[] values = [new("VARIABLE_NAME"), new("VARIABLE_VALUE")];
        var a = Read(cache, 0, values);
        var b = Read(cache, 1, Channels);

        Assert.Same(a, Read(cache, 0, values));
        Assert.Same(b, Read(cache, 1, Channels));
        Assert.NotSame(b, Read(cache, 1, values));
    }

    [Fact]
    public void AnotherColumnCountIsAnotherResult()
    {
        var cache = new ColumnSetCache();
        var three = Read(cache, 0, Channels);
        var two = Read(cache, 0, Channels[..2]);

        Assert.NotSame(three, two);
        Assert.Equal(2, two.Count);
    }

    [Fact]
    public void DefinitionsTooBigToKeepAreParsedEachTime()
    {
        var cache = new ColumnSetCache();
        var wide = Enumerable.Range(0, 400).Select(i => new FakeColumn($"column_with_a_rather_long_name_{i:000}")).ToArray();

        var first = Read(cache, 0, wide);
        var second = Read(cache, 0, wide);

        Assert.NotSame(first, second);
        Assert.Equal(wide.Select(c => c.Name), second.Columns.Select(c => c.Name));
    }

    private static ColumnSet Read(ColumnSetCache cache, int position, FakeColumn[] definitions)
    {
        var columns = new MariaDbColumn[definitions.Length];
        cache.Begin(position, definitions.Length);
        for (var ordinal = 0; ordinal < definitions.Length; ordinal++)
            columns[ordinal] = cache.Next(definitions[ordinal].ToPayload(extendedMetadata: false), ordinal, extendedMetadata: false);
        return cache.End(position, columns);
    }
}
