using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.MariaDb;

public sealed class ServerErrorTests
{
    [Fact(Timeout = 60_000)]
    public async Task ReportsASyntaxErrorWithCodeStateAndMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await LabConnections.OpenPrimaryAsync(LabEnvironment.Require(), ct);

        var error = await Assert.ThrowsAsync<MariaDbException>(() => db.ExecuteAsync($"SELEC 1", ct));

        Assert.Equal(MariaDbErrorCodes.ParseError, error.ErrorCode);
        Assert.Equal("42000", error.SqlState);
        Assert.Contains("near 'SELEC 1'", error.Message, StringComparison.Ordinal);
        Assert.False(db.IsBroken);
        Assert.Equal(1, await db.QueryScalarAsync<int>($"SELECT 1", ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task ReportsAnUnknownTable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await LabConnections.OpenPrimaryAsync(LabEnvironment.Require(), ct);

        var error = await Assert.ThrowsAsync<MariaDbException>(() => db.QueryAsync($"SELECT * FROM mysql.no_such_table", ct));

        Assert.Equal(MariaDbErrorCodes.NoSuchTable, error.ErrorCode);
        Assert.Equal("42S02", error.SqlState);
        Assert.Contains("mysql.no_such_table", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task ReportsAnErrorInTheSecondStatementOfABatch()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await LabConnections.OpenPrimaryAsync(LabEnvironment.Require(), ct);

        await using (var reader = await db.ExecuteReaderAsync($"SELECT 1; SELECT * FROM mysql.no_such_table; SELECT 3", ct))
        {
            Assert.True(await reader.ReadAsync(ct));
            var error = await Assert.ThrowsAsync<MariaDbException>(async () => await reader.NextResultAsync(ct));
            Assert.Equal(MariaDbErrorCodes.NoSuchTable, error.ErrorCode);
            Assert.False(await reader.NextResultAsync(ct));
        }

        Assert.Equal(2, await db.QueryScalarAsync<int>($"SELECT 2", ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task RefusesAWrongPasswordWithAccessDenied()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();

        var error = await Assert.ThrowsAsync<MariaDbException>(
            () => MariaDbConnection.OpenAsync(LabConnections.Options(lab, lab.Primary) with { Password = "wrong" }, ct));

        Assert.Equal(MariaDbErrorCodes.AccessDenied, error.ErrorCode);
        Assert.Equal("28000", error.SqlState);
        Assert.Contains("Access denied for user 'repman'", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task RefusesAnUnknownDatabase()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();

        var error = await Assert.ThrowsAsync<MariaDbException>(
            () => MariaDbConnection.OpenAsync(LabConnections.Options(lab, lab.Primary) with { Database = "no_such_database" }, ct));

        Assert.Equal(MariaDbErrorCodes.UnknownDatabase, error.ErrorCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task KeepsWarningsAffectedRowsAndInsertIds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var schema = await ScratchSchema.CreateAsync(LabEnvironment.Require(), ct);
        var db = schema.Connection;
        await db.ExecuteAsync($"CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v TINYINT)", ct);

        var inserted = await db.ExecuteAsync($"INSERT INTO t (v) VALUES (1), (2), (3)", ct);
        var updated = await db.ExecuteAsync($"SET STATEMENT sql_mode = '' FOR UPDATE t SET v = 1000 WHERE id > {1}", ct);

        Assert.Equal(3, inserted.AffectedRows);
        Assert.Equal(1UL, inserted.LastInsertId);
        Assert.Equal(2, updated.AffectedRows);
        Assert.Equal(2, updated.Warnings);
    }
}
