using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Tests.MariaDb;

public sealed class ResultSetTests
{
    private static readonly FakeColumn[] IdAndName = [new("id", MariaDbColumnType.LongLong, 63), new("name")];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadsRowsEndedByOkOrByEof(bool deprecateEof)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct, FakeServer.Options with { UseDeprecateEof = deprecateEof });

        var query = connection.QueryAsync($"SELECT id, name FROM t", ct);
        Assert.Equal("SELECT id, name FROM t", await server.ReceiveQueryAsync());
        await server.SendResultSetAsync(IdAndName, [["1", "one"], ["2", null], ["3", ""]]);
        var rows = await query;

        Assert.Equal(3, rows.Count);
        Assert.Equal(1, rows[0]["id"].GetInt64());
        Assert.Equal("one", rows[0]["NAME"].GetString());
        Assert.True(rows[1]["name"].IsNull);
        Assert.Equal("", rows[2][1].GetString());
        Assert.Equal(["id", "name"], rows[0].Columns.Select(column => column.Name));
    }

    [Fact]
    public async Task ReturnsTheOkPacketOfAStatement()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);

        var execute = connection.ExecuteAsync($"INSERT INTO t VALUES (1), (2)", ct);
        await server.ReceiveQueryAsync();
        await server.SendOkAsync(affectedRows: 2, lastInsertId: 7, warnings: 1, status: MariaDbServerStatus.AutoCommit | MariaDbServerStatus.InTransaction);
        var result = await execute;

        Assert.Equal(2, result.AffectedRows);
        Assert.Equal(7UL, result.LastInsertId);
        Assert.Equal(1, result.Warnings);
        Assert.True(connection.Status.HasFlag(MariaDbServerStatus.InTransaction));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadsSeveralResultSetsAndAProcedureTrailingOk(bool deprecateEof)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct, FakeServer.Options with { UseDeprecateEof = deprecateEof });

        var opening = connection.ExecuteReaderAsync($"CALL two_results()", ct);
        await server.ReceiveQueryAsync();
        await server.SendResultSetAsync([new("a")], [["1"]], MariaDbServerStatus.MoreResultsExist);
        await server.SendResultSetAsync([new("b"), new("c")], [["2", "3"], ["4", "5"]], MariaDbServerStatus.MoreResultsExist);
        await server.SendOkAsync(affectedRows: 0);
        await using var reader = await opening;

        Assert.Equal("a", reader.Columns[0].Name);
        Assert.True(await reader.ReadAsync(ct));
        Assert.Equal("1", reader["a"].GetString());
        Assert.False(await reader.ReadAsync(ct));
        Assert.True(await reader.NextResultAsync(ct));
        Assert.Equal(2, reader.FieldCount);
        Assert.True(await reader.ReadAsync(ct));
        Assert.True(await reader.ReadAsync(ct));
        Assert.Equal(5, reader["c"].GetInt32());
        Assert.False(await reader.ReadAsync(ct));
        Assert.False(await reader.NextResultAsync(ct));
        Assert.Empty(reader.Columns);
    }

    [Fact]
    public async Task SkipsStatementsWithoutRowsToReachTheNextResultSet()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);

        var query = connection.QueryAsync($"SET @a = 1; SELECT @a", ct);
        await server.ReceiveQueryAsync();
        await server.SendOkAsync(status: MariaDbServerStatus.MoreResultsExist);
        await server.SendResultSetAsync([new("@a")], [["1"]]);
        var rows = await query;

        Assert.Equal(1, Assert.Single(rows)[0].GetInt32());
    }

    [Fact]
    public async Task RaisesAnErrorThatEndsAResultSetAndStaysUsable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);

        var query = connection.QueryAsync($"SELECT slow()", ct);
        await server.ReceiveQueryAsync();
        await server.SendResultHeaderAsync([new("x")]);
        await server.SendRowAsync(["1"]);
        await server.SendErrorAsync(1969, "70100", "Query execution was interrupted (max_statement_time exceeded)");
        var error = await Assert.ThrowsAsync<MariaDbException>(() => query);

        Assert.Equal(MariaDbErrorCodes.StatementTimeout, error.ErrorCode);
        Assert.Equal("70100", error.SqlState);
        Assert.False(connection.IsBroken);
        var next = connection.QueryScalarAsync<int>($"SELECT 1", ct);
        await server.ReceiveQueryAsync();
        await server.SendResultSetAsync([new("1")], [["1"]]);
        Assert.Equal(1, await next);
    }

    [Fact]
    public async Task DrainsTheRestWhenAReaderIsDisposedEarly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);

        var opening = connection.ExecuteReaderAsync($"SELECT seq FROM seq_1_to_1000; SELECT 'x'", ct);
        await server.ReceiveQueryAsync();
        await server.SendResultSetAsync([new("seq")], Enumerable.Range(1, 1000).Select(i => new object?[] { i.ToString() }), MariaDbServerStatus.MoreResultsExist);
        await server.SendResultSetAsync([new("x")], [["x"]]);
        await using (var reader = await opening)
        {
            Assert.True(await reader.ReadAsync(ct));
            Assert.Equal(1, reader[0].GetInt32());
        }

        var next = connection.QueryScalarAsync<string>($"SELECT 'after'", ct);
        Assert.Equal("SELECT 'after'", await server.ReceiveQueryAsync());
        await server.SendResultSetAsync([new("after")], [["after"]]);
        Assert.Equal("after", await next);
    }

    [Fact]
    public async Task RefusesASecondCommandWhileAReaderIsOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);

        var opening = connection.ExecuteReaderAsync($"SELECT 1", ct);
        await server.ReceiveQueryAsync();
        await server.SendResultSetAsync([new("1")], [["1"]]);
        await using var reader = await opening;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => connection.PingAsync(ct));
        Assert.Contains("data reader is still open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosesAtOnceWhenDisposedWithAReaderOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        var connection = await server.OpenAsync(ct);

        var opening = connection.ExecuteReaderAsync($"SELECT 1", ct);
        await server.ReceiveQueryAsync();
        await server.SendResultHeaderAsync([new("1")]);
        var reader = await opening;
        await connection.DisposeAsync();
        await reader.DisposeAsync();

        Assert.True(await server.IsClosedByClientAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => connection.PingAsync(ct));
    }

    [Fact]
    public async Task ReadsAValueOver16MBThatStartsWithTheEofByte()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);
        var big = new byte[PacketChannel16MB + 100];
        big.AsSpan().Fill((byte)'z');

        var query = connection.QueryAsync($"SELECT big", ct);
        await server.ReceiveQueryAsync();
        await server.SendResultSetAsync([new("big", MariaDbColumnType.LongBlob, 63)], [[big], ["small"]]);
        var rows = await query;

        Assert.Equal(big, rows[0][0].GetBytes());
        Assert.Equal("small", rows[1][0].GetString());
    }

    [Fact]
    public async Task ReportsMariaDbTypeNamesFromExtendedMetadata()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);

        var query = connection.QueryAsync($"SELECT u, j", ct);
        await server.ReceiveQueryAsync();
        await server.SendResultSetAsync(
            [new("u", MariaDbColumnType.String, DataTypeName: "uuid"), new("j", MariaDbColumnType.Blob, Format: "json")],
            [["3c9550f6-e62f-11f1-968b-02fc00000001", "{}"]]);
        var row = Assert.Single(await query);

        Assert.Equal("uuid", row.Columns[0].DataTypeName);
        Assert.Equal("json", row.Columns[1].Format);
        Assert.Equal(Guid.Parse("3c9550f6-e62f-11f1-968b-02fc00000001"), row["u"].GetGuid());
    }

    [Fact]
    public async Task ReturnsNullForAScalarQueryWithoutRows()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);

        var query = connection.QueryScalarAsync<long?>($"SELECT 1 FROM t WHERE 0", ct);
        await server.ReceiveQueryAsync();
        await server.SendResultSetAsync([new("1")], []);

        Assert.Null(await query);
    }

    [Fact]
    public async Task EscapesForTheModeTheServerReports()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeServer();
        await using var connection = await server.OpenAsync(ct);

        var set = connection.ExecuteAsync($"SET sql_mode = 'NO_BACKSLASH_ESCAPES'", ct);
        await server.ReceiveQueryAsync();
        await server.SendOkAsync(status: MariaDbServerStatus.AutoCommit | MariaDbServerStatus.NoBackslashEscapes);
        await set;
        var execute = connection.ExecuteAsync($"SELECT {"a'b\\c"}", ct);

        Assert.Equal("SELECT 'a''b\\c'", await server.ReceiveQueryAsync());
        await server.SendOkAsync();
        await execute;
    }

    private const int PacketChannel16MB = 0xFFFFFF;
}
