using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Tests.MariaDb;

public sealed class SqlStatementTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData(@"back\slash", @"'back\\slash'")]
    [InlineData("\"double\"", @"'\""double\""'")]
    [InlineData("nul\0byte", @"'nul\0byte'")]
    [InlineData("ctrl-z\u001A", @"'ctrl-z\Z'")]
    [InlineData("line\nbreak\r", @"'line\nbreak\r'")]
    [InlineData(@"\'; DROP TABLE t; -- ", @"'\\\'; DROP TABLE t; -- '")]
    [InlineData("", "''")]
    [InlineData("héllo ✓ 🎉", "'héllo ✓ 🎉'")]
    public void EscapesStringsWithBackslashes(string value, string literal) =>
        Assert.Equal($"SELECT {literal}", Sql($"SELECT {value}"));

    [Theory]
    [InlineData("it's", "'it''s'")]
    [InlineData(@"back\slash", @"'back\slash'")]
    [InlineData(@"\'; DROP TABLE t; -- ", @"'\''; DROP TABLE t; -- '")]
    [InlineData("nul\0\"", "'nul\0\"'")]
    public void DoublesQuotesOnlyUnderNoBackslashEscapes(string value, string literal) =>
        Assert.Equal($"SELECT {literal}", Sql($"SELECT {value}", noBackslashEscapes: true));

    [Fact]
    public void ReplacesAnUnpairedSurrogateInsteadOfSendingInvalidUtf8() =>
        Assert.Equal("SELECT 'a\uFFFDb'", Sql($"SELECT {"a\uD800b"}"));

    [Fact]
    public void KeepsASurrogatePairWholeAcrossChunks()
    {
        var text = new string('x', 4095) + "🎉" + new string('y', 5000);

        Assert.Equal($"SELECT '{text}'", Sql($"SELECT {text}"));
    }

    [Fact]
    public void EscapesAStringOfEveryCharacterUpTo255()
    {
        var text = new string([.. Enumerable.Range(0, 256).Select(i => (char)i)]);

        var sql = Sql($"{text}");

        Assert.DoesNotContain("\n", sql, StringComparison.Ordinal);
        Assert.Equal(2 + 256 + 7, sql.Length);
    }

    [Fact]
    public void WritesBytesAsAHexLiteral()
    {
        Assert.Equal("SELECT X'00FF275C'", Sql($"SELECT {new byte[] { 0, 255, 39, 92 }}"));
        Assert.Equal("SELECT X''", Sql($"SELECT {Array.Empty<byte>()}"));
        Assert.Equal("SELECT X'0102'", Sql($"SELECT {new ReadOnlyMemory<byte>([1, 2])}"));
    }

    [Fact]
    public void WritesNumbersInvariantly()
    {
        Assert.Equal("SELECT -42, 18446744073709551615, 255, -128", Sql($"SELECT {-42}, {ulong.MaxValue}, {(byte)255}, {(sbyte)-128}"));
        Assert.Equal("SELECT 0.1, 1E+20, -1.5E-07, 0.1", Sql($"SELECT {0.1}, {1e20}, {-1.5e-7}, {0.1f}"));
        Assert.Equal("SELECT 1.50, -79228162514264337593543950335", Sql($"SELECT {1.50m}, {decimal.MinValue}"));
    }

    [Fact]
    public void WritesBooleansNullsAndEnumsAsNumbers()
    {
        string? nothing = null;
        int? none = null;

        Assert.Equal("SELECT 1, 0, NULL, NULL, 7", Sql($"SELECT {true}, {false}, {nothing}, {none}, {(int?)7}"));
        Assert.Equal("SELECT 2, 255", Sql($"SELECT {DayOfWeek.Tuesday}, {ByteEnum.Max}"));
    }

    [Fact]
    public void WritesDatesAndTimesAsQuotedLiterals()
    {
        Assert.Equal("SELECT '2024-01-02 03:04:05'", Sql($"SELECT {new DateTime(2024, 1, 2, 3, 4, 5)}"));
        Assert.Equal("SELECT '2024-01-02 03:04:05.123400'", Sql($"SELECT {new DateTime(2024, 1, 2, 3, 4, 5, 123, 400)}"));
        Assert.Equal("SELECT '2024-02-29'", Sql($"SELECT {new DateOnly(2024, 2, 29)}"));
        Assert.Equal("SELECT '-838:59:59', '01:02:03.500000'", Sql($"SELECT {-new TimeSpan(34, 22, 59, 59)}, {new TimeSpan(0, 1, 2, 3, 500)}"));
        Assert.Equal("SELECT '13:14:15'", Sql($"SELECT {new TimeOnly(13, 14, 15)}"));
        Assert.Equal("SELECT '123e4567-e89b-12d3-a456-426614174000'", Sql($"SELECT {Guid.Parse("123e4567-e89b-12d3-a456-426614174000")}"));
    }

    [Fact]
    public void SplicesRawSqlIdentifiersAndNestedStatements()
    {
        SqlStatement where = $"id = {5}";

        Assert.Equal("SELECT 1", Sql($"SELECT {ReplicationManager.MariaDb.Sql.Raw("1")}"));
        Assert.Equal("SELECT * FROM `my``table`", Sql($"SELECT * FROM {ReplicationManager.MariaDb.Sql.Identifier("my`table")}"));
        Assert.Equal("SELECT * FROM `s`.`t` WHERE id = 5", Sql($"SELECT * FROM {ReplicationManager.MariaDb.Sql.Identifier("s", "t")} WHERE {where}"));
        Assert.Equal("SHOW ALL SLAVES STATUS", SqlStatement.Raw("SHOW ALL SLAVES STATUS").ToSql(false));
    }

    [Fact]
    public void TreatsAConstantStringHoleAsAValue()
    {
        const string name = "x' OR '1'='1";

        Assert.Equal(@"SELECT * FROM t WHERE name = 'x\' OR \'1\'=\'1'", Sql($"SELECT * FROM t WHERE name = {name}"));
    }

    [Fact]
    public void ShowsParametersAsPlaceholdersInToString()
    {
        SqlStatement statement = $"CHANGE MASTER TO MASTER_PASSWORD = {"s3cret"}, MASTER_PORT = {3306}";

        Assert.Equal("CHANGE MASTER TO MASTER_PASSWORD = ?, MASTER_PORT = ?", statement.ToString());
    }

    [Fact]
    public void RefusesUnsupportedValuesWhenTheStatementIsBuilt()
    {
        var error = Assert.Throws<ArgumentException>(() => Sql($"SELECT {new Uri("http://x")}"));
        Assert.Contains("System.Uri cannot be a SQL parameter", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Sql($"SELECT {double.NaN}"));
        Assert.Throws<ArgumentException>(() => Sql($"SELECT {float.PositiveInfinity}"));
        Assert.Throws<ArgumentException>(() => Sql($"SELECT {DateTimeOffset.UnixEpoch}"));
        Assert.Throws<ArgumentException>(() => ReplicationManager.MariaDb.Sql.Identifier("a\0b"));
        Assert.Throws<ArgumentException>(() => ReplicationManager.MariaDb.Sql.Identifier(""));
    }

    [Fact]
    public void FreezesAStatementOnceUsed()
    {
        SqlStatement statement = $"SELECT 1";
        statement.ToSql(false);

        Assert.Throws<InvalidOperationException>(() => statement.AppendLiteral(" OR 1"));
    }

    private static string Sql(SqlStatement statement, bool noBackslashEscapes = false) => statement.ToSql(noBackslashEscapes);

    private enum ByteEnum : byte
    {
        Max = 255,
    }
}
