using System.Globalization;
using System.Text;
using MySqlConnector;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.MariaDb;

/// <summary>
/// A differential check of repman's MariaDB client against MySqlConnector (test-only): every column type of MariaDB
/// 10.11 with NULLs, extremes, charsets, zero dates, big BLOBs, and multi-result statements, read by both, must give
/// the same values; server errors the same codes and messages.
/// </summary>
public sealed class ReferenceClientTests
{
    private const string Columns = """
        id INT PRIMARY KEY, ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT,
        miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, de DECIMAL(65,30), dz DECIMAL(5,0),
        fl FLOAT, du DOUBLE, b1 BIT(1), b64 BIT(64), d DATE, dt DATETIME(6), dt0 DATETIME, ts TIMESTAMP(6) NULL, tm TIME(6),
        y YEAR, ch CHAR(10), vc VARCHAR(255), l1 VARCHAR(20) CHARACTER SET latin1, tx TEXT, bn BINARY(4), vb VARBINARY(16),
        bl BLOB, lb LONGBLOB, en ENUM('a', 'b c'), st SET('x', 'y', 'z'), js JSON, uu UUID, i6 INET6, i4 INET4, bo BOOLEAN
        """;

    [Fact(Timeout = 120_000)]
    public async Task EveryTypeReadsTheSameThroughBothClients()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await ScratchSchema.CreateAsync(lab, ct);
        var db = schema.Connection;
        await db.ExecuteAsync($"SET SESSION sql_mode = '', time_zone = '+00:00'", ct);
        await db.ExecuteAsync(SqlStatement.Raw($"CREATE TABLE types ({Columns})"), ct);
        await db.ExecuteAsync(SqlStatement.Raw("INSERT INTO types (id) VALUES (1)"), ct); // every column NULL
        await db.ExecuteAsync(SqlStatement.Raw("""
            INSERT INTO types VALUES (2, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0,
              -99999999999999999999999999999999999.999999999999999999999999999999, -99999, -3.402823466E+38, -1.7976931348623157E+308,
              0, 0, '0000-00-00', '0000-00-00 00:00:00', '2024-00-10 00:00:00', '1970-01-01 00:00:01', '-838:59:59.000000', 1901,
              '', '', '', '', 0x00000000, '', '', '', 'a', '', '[]', '00000000-0000-0000-0000-000000000000', '::', '0.0.0.0', 0)
            """), ct);
        await db.ExecuteAsync(SqlStatement.Raw("""
            INSERT INTO types VALUES (3, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, 9223372036854775807,
              18446744073709551615, 99999999999999999999999999999999999.999999999999999999999999999999, 99999, 3.402823466E+38,
              1.7976931348623157E+308, 1, 0xFFFFFFFFFFFFFFFF, '9999-12-31', '9999-12-31 23:59:59.999999', '2024-02-29 12:00:00',
              '2038-01-19 03:14:07.999999', '838:59:59.000000', 2155, 'ten chars.', 'héllo wörld ✓ 𝄞 😀', 'déjà vu', REPEAT('t', 70000),
              0xFF00FF27, 0x5C275C00, REPEAT(0xAB, 60000), REPEAT(0xCD, 3000000), 'b c', 'x,z', '{"a": [1, 2.5, "x"], "b": null}',
              'ffffffff-ffff-ffff-ffff-ffffffffffff', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '255.255.255.255', 1)
            """), ct);
        await using var reference = await OpenReferenceAsync(lab, schema.Name, ct);
        await ExecuteAsync(reference, "SET SESSION sql_mode = '', time_zone = '+00:00'", ct);

        var ours = await ReadOursAsync(db, "SELECT * FROM types ORDER BY id; SELECT 1 AS one, NULL AS nothing, 'two' AS two; SELECT id FROM types WHERE id > 99", ct);
        var theirs = await ReadReferenceAsync(reference, "SELECT * FROM types ORDER BY id; SELECT 1 AS one, NULL AS nothing, 'two' AS two; SELECT id FROM types WHERE id > 99", ct);

        var differences = Differences(ours, theirs);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
        Assert.Equal(3, ours.Count);
        Assert.Equal(3, ours[0].Count);
        Assert.Empty(ours[2]);
        var cells = ours[0].Sum(row => row.Count);
        TestContext.Current.SendDiagnosticMessage($"reference client: {cells} values in 3 result sets read the same by both clients");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("SELEC 1")]
    [InlineData("SELECT * FROM no_such_table")]
    [InlineData("SELECT no_such_column FROM DUAL")]
    [InlineData("INSERT INTO dup VALUES (1)")]
    [InlineData("SELECT 1; SELECT * FROM no_such_table")]
    [InlineData("SIGNAL SQLSTATE '45000' SET MYSQL_ERRNO = 1644, MESSAGE_TEXT = 'déjà ✓ raised'")]
    public async Task ServerErrorsCarryTheSameCodeStateAndMessage(string sql)
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await ScratchSchema.CreateAsync(lab, ct);
        await schema.Connection.ExecuteAsync($"CREATE TABLE dup (id INT PRIMARY KEY)", ct);
        await schema.Connection.ExecuteAsync($"INSERT INTO dup VALUES (1)", ct);
        await using var reference = await OpenReferenceAsync(lab, schema.Name, ct);

        var ours = await Assert.ThrowsAsync<MariaDbException>(() => ReadOursAsync(schema.Connection, sql, ct));
        var theirs = await Assert.ThrowsAsync<MySqlException>(() => ReadReferenceAsync(reference, sql, ct));

        Assert.Equal((theirs.Number, theirs.SqlState, theirs.Message), (ours.ErrorCode, ours.SqlState, ServerMessage(ours)));
    }

    // Ours may add where the error came from after the server's own text; the server's message is what both carry.
    private static string ServerMessage(MariaDbException exception) => exception.ServerMessage ?? exception.Message;

    private static async Task<MySqlConnection> OpenReferenceAsync(LabEnvironment lab, string database, CancellationToken ct)
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = lab.Primary.Address,
            Port = (uint)lab.Primary.Port,
            UserID = lab.RepmanUser,
            Password = lab.RepmanPassword,
            Database = database,
            SslMode = MySqlSslMode.Preferred,
            AllowZeroDateTime = true,
            TreatTinyAsBoolean = false,
            AllowUserVariables = true,
            Pooling = false,
        };
        var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<List<List<string>>>> ReadOursAsync(MariaDbConnection db, string sql, CancellationToken ct)
    {
        var sets = new List<List<List<string>>>();
        await using var reader = await db.ExecuteReaderAsync(SqlStatement.Raw(sql), ct);
        do
        {
            var rows = new List<List<string>>();
            while (await reader.ReadAsync(ct))
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.Columns[i].Name}={Canonical(Ours(reader[i]))}").ToList());
            sets.Add(rows);
        }
        while (await reader.NextResultAsync(ct));
        return sets;
    }

    private static async Task<List<List<List<string>>>> ReadReferenceAsync(MySqlConnection connection, string sql, CancellationToken ct)
    {
        var sets = new List<List<List<string>>>();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        do
        {
            var rows = new List<List<string>>();
            while (await reader.ReadAsync(ct))
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={Canonical(Theirs(reader, i))}").ToList());
            sets.Add(rows);
        }
        while (await reader.NextResultAsync(ct));
        return sets;
    }

    // DECIMAL(65,30) holds more than System.Decimal: both are compared as the exact text the server sent.
    private static object? Ours(MariaDbValue value) =>
        value.IsNull ? null : value.Column.Type == MariaDbColumnType.NewDecimal ? value.GetString() : value.GetValue();

    private static object? Theirs(MySqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null
        : reader.GetDataTypeName(ordinal).StartsWith("DECIMAL", StringComparison.OrdinalIgnoreCase) ? reader.GetMySqlDecimal(ordinal).ToString()
        : reader.GetValue(ordinal) switch
        {
            // A zero date, or one with a zero month or day: repman's client reads DateTime.MinValue (its default).
            MySqlDateTime date => date.IsValidDateTime ? date.GetDateTime() : DateTime.MinValue,
            var value => value,
        };

    /// <summary>A value as text both clients' types agree on: numbers by value, bytes as hex, times to the tick.</summary>
    private static string Canonical(object? value) => value switch
    {
        null => "NULL",
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        bool flag => flag ? "1" : "0",
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00.0000000",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        float number => ((double)number).ToString("R", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        Guid guid => guid.ToString(),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static List<string> Differences(List<List<List<string>>> ours, List<List<List<string>>> theirs)
    {
        var differences = new List<string>();
        if (ours.Count != theirs.Count)
            differences.Add($"result sets: ours {ours.Count}, MySqlConnector {theirs.Count}");
        for (var set = 0; set < Math.Min(ours.Count, theirs.Count); set++)
        {
            if (ours[set].Count != theirs[set].Count)
                differences.Add($"set {set}: ours {ours[set].Count} rows, MySqlConnector {theirs[set].Count}");
            for (var row = 0; row < Math.Min(ours[set].Count, theirs[set].Count); row++)
            {
                foreach (var (a, b) in ours[set][row].Zip(theirs[set][row]).Where(pair => pair.First != pair.Second))
                    differences.Add($"set {set} row {row}: ours {Shorten(a)}, MySqlConnector {Shorten(b)}");
            }
        }
        return differences;
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + $"... ({Encoding.UTF8.GetByteCount(text)} bytes)";
}
