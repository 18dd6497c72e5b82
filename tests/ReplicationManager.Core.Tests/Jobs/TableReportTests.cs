using System.Text.Json;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Tests.Jobs;

public sealed class TableReportTests
{
    private static readonly TableName Orders = new("shop", "orders");

    [Fact]
    public void StatusRowsWithoutErrorAreOk()
    {
        var report = TableReport.FromMessages(Orders, [new("note", "Table does not support optimize, doing recreate + analyze instead"), new("status", "OK")]);

        Assert.Equal(TableStatus.Ok, report.Status);
        Assert.Equal("shop.orders", report.Table);
        Assert.Equal(2, report.Messages.Count);
    }

    [Theory]
    [InlineData("Table 'shop.orders' doesn't exist", TableStatus.Skipped)]
    [InlineData("Lock wait timeout exceeded; try restarting transaction", TableStatus.Skipped)]
    [InlineData("Incorrect file format 'orders'", TableStatus.Failed)]
    public void AnErrorRowSkipsOrFailsTheTable(string error, TableStatus status)
    {
        var report = TableReport.FromMessages(Orders, [new("Error", error), new("status", "Operation failed")]);

        Assert.Equal(status, report.Status);
    }

    [Theory]
    [InlineData(MariaDbErrorCodes.NoSuchTable, TableStatus.Skipped)]
    [InlineData(MariaDbErrorCodes.LockWaitTimeout, TableStatus.Skipped)]
    [InlineData(MariaDbErrorCodes.SpecificAccessDenied, TableStatus.Failed)]
    public void AServerErrorSkipsOrFailsTheTable(int code, TableStatus status)
    {
        var report = TableReport.FromError(Orders, new MariaDbException("refused", code, "HY000"));

        Assert.Equal(status, report.Status);
        Assert.Contains($"{code}: refused", report.Messages.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReportCountsEachStatusAndFailsOnlyOnFailures()
    {
        var start = new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);
        var tables = new[]
        {
            new TableReport("shop.a", TableStatus.Ok, []),
            new TableReport("shop.b", TableStatus.Ok, []),
            new TableReport("shop.c", TableStatus.Skipped, [new("error", "1205: Lock wait timeout exceeded")]),
        };

        var report = TableTaskReport.Of("analyze", "127.0.0.11:3306", start, start.AddSeconds(2), tables);

        Assert.Equal("3 tables: 2 ok, 1 skipped (not ok: shop.c)", report.Summary);
        Assert.True(report.Succeeded);
        Assert.False(TableTaskReport.Of("analyze", "s", start, start, [.. tables, new TableReport("shop.d", TableStatus.Failed, [])]).Succeeded);
        var json = JsonDocument.Parse(report.ToOutcome().Result).RootElement;
        Assert.Equal("Skipped", json.GetProperty("tables")[2].GetProperty("status").GetString());
        Assert.Equal("analyze", json.GetProperty("task").GetString());
    }

    [Fact]
    public void NoTableIsSaidSo()
    {
        var start = DateTimeOffset.UnixEpoch;

        Assert.Equal("no user table", TableTaskReport.Of("checksum", "s", start, start, []).Summary);
    }
}
