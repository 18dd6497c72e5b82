using ReplicationManager.Core.Jobs.Local;

namespace ReplicationManager.Core.Tests.Jobs;

public sealed class SchemaSnapshotTests
{
    private static readonly DateTimeOffset Taken = new(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ATableWhoseStatisticsWereSkippedIsListedAndNamed()
    {
        (TableName, string)[] names = [(new("shop", "orders"), "BASE TABLE"), (new("shop", "locked"), "BASE TABLE"), (new("shop", "v"), "VIEW")];
        TableSnapshot[] statistics = [new("shop", "orders", "BASE TABLE", "InnoDB", Rows: 3), new("shop", "v", "VIEW")];

        var snapshot = SchemaSnapshotTask.Merge("127.0.0.11:3306", Taken, names, statistics);

        Assert.Equal(new[] { "locked", "orders", "v" }, snapshot.Tables.Select(table => table.Name));
        Assert.Equal(new[] { "shop.locked" }, snapshot.Skipped);
        var locked = snapshot.Tables[0];
        Assert.True(locked.StatisticsSkipped);
        Assert.Null(locked.Engine);
        Assert.Equal(3, snapshot.Tables[1].Rows);
        Assert.False(snapshot.Tables[1].StatisticsSkipped);
    }

    [Fact]
    public void ATableTheServerCouldNotOpenWithoutWaitingIsSkippedWithItsReason()
    {
        (TableName, string)[] names = [(new("shop", "pending"), "BASE TABLE")];
        TableSnapshot[] statistics = [new("shop", "pending", "BASE TABLE", StatisticsSkipped: true, SkippedBecause: "Lock wait timeout exceeded; try restarting transaction")];

        var snapshot = SchemaSnapshotTask.Merge("s", Taken, names, statistics);

        Assert.Equal(new[] { "shop.pending" }, snapshot.Skipped);
        Assert.Equal("Lock wait timeout exceeded; try restarting transaction", Assert.Single(snapshot.Tables).SkippedBecause);
    }

    [Fact]
    public void ATableCreatedBetweenTheTwoReadsIsKept()
    {
        var snapshot = SchemaSnapshotTask.Merge("s", Taken, [], [new TableSnapshot("shop", "fresh", "BASE TABLE", "InnoDB")]);

        Assert.Equal("fresh", Assert.Single(snapshot.Tables).Name);
        Assert.Empty(snapshot.Skipped);
    }
}
