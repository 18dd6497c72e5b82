using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.MariaDb;

/// <summary>Values the server must read back exactly, whatever they contain, in both escaping modes.</summary>
public sealed class EscapingRoundTripTests
{
    private static readonly string[] TrickyStrings =
    [
        "",
        "'",
        "''",
        "\\",
        "\\'",
        "\\\\'; DROP TABLE t; -- ",
        "' OR '1'='1",
        "\"",
        "\0",
        "a\0b\0",
        "\u001A",
        "\r\n\t\b",
        "%_",
        "`backtick`",
        "/* comment */ # hash -- dash",
        "héllo ✓ 🎉 中文 עברית \u200B",
        "\u00FF\u00FE",
    ];

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadsBackEveryByteFrom0To255(bool noBackslashEscapes)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await OpenAsync(noBackslashEscapes, ct);
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        var value = await db.QueryScalarAsync<byte[]>($"SELECT {bytes}", ct);

        Assert.Equal(bytes, value);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadsBackEveryCharacterFrom0To255AndBeyond(bool noBackslashEscapes)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await OpenAsync(noBackslashEscapes, ct);
        var text = new string([.. Enumerable.Range(0, 256).Select(i => (char)i)]) + "✓🎉中文";

        var value = await db.QueryScalarAsync<string>($"SELECT {text}", ct);

        Assert.Equal(text, value);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadsBackTrickyStringsFromATable(bool noBackslashEscapes)
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await ScratchSchema.CreateAsync(lab, ct);
        await using var db = await OpenAsync(noBackslashEscapes, ct, schema.Name);
        await db.ExecuteAsync($"CREATE TABLE s (id INT PRIMARY KEY, v TEXT)", ct);

        for (var i = 0; i < TrickyStrings.Length; i++)
            await db.ExecuteAsync($"INSERT INTO s VALUES ({i}, {TrickyStrings[i]})", ct);
        var rows = await db.QueryAsync($"SELECT v FROM s ORDER BY id", ct);

        Assert.Equal(TrickyStrings, rows.Select(row => row["v"].GetString()));
        Assert.Equal(1, await db.QueryScalarAsync<int>($"SELECT COUNT(*) FROM s WHERE v = {"' OR '1'='1"}", ct));
        Assert.Equal(TrickyStrings.Length, await db.QueryScalarAsync<int>($"SELECT COUNT(*) FROM s", ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task QuotesIdentifiersThatNeedIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await ScratchSchema.CreateAsync(lab, ct);
        var table = "odd `name`; DROP";

        await schema.Connection.ExecuteAsync($"CREATE TABLE {Sql.Identifier(schema.Name, table)} (x INT)", ct);
        await schema.Connection.ExecuteAsync($"INSERT INTO {Sql.Identifier(table)} VALUES ({7})", ct);

        Assert.Equal(7, await schema.Connection.QueryScalarAsync<int>($"SELECT x FROM {Sql.Identifier(table)}", ct));
    }

    private static async Task<MariaDbConnection> OpenAsync(bool noBackslashEscapes, CancellationToken cancellationToken, string? database = null)
    {
        var lab = LabEnvironment.Require();
        var db = await MariaDbConnection.OpenAsync(LabConnections.Options(lab, lab.Primary) with { Database = database }, cancellationToken);
        if (noBackslashEscapes)
        {
            await db.ExecuteAsync($"SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')", cancellationToken);
            Assert.True(db.Status.HasFlag(MariaDbServerStatus.NoBackslashEscapes));
        }
        return db;
    }
}
