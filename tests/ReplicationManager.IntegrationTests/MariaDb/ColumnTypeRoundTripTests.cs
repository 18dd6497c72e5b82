using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.MariaDb;

/// <summary>Every column type MariaDB 10.11 sends as text, written through parameters and read back typed.</summary>
public sealed class ColumnTypeRoundTripTests
{
    private static readonly byte[] FourBytes = [0, 255, 39, 92];

    [Fact(Timeout = 60_000)]
    public async Task RoundTripsTheSmallestValueOfEveryType()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var schema = await CreateTableAsync(ct);
        var db = schema.Connection;

        await db.ExecuteAsync($"""
            INSERT INTO types VALUES ({1}, {sbyte.MinValue}, {byte.MinValue}, {short.MinValue}, {ushort.MinValue}, {-8388608}, {0},
              {int.MinValue}, {uint.MinValue}, {long.MinValue}, {ulong.MinValue}, {-999999999999999999.9999999999m}, {-1.5f},
              {-2.2250738585072014E-308}, {false}, {0UL}, {new DateOnly(1000, 1, 1)}, {new DateTime(1000, 1, 1)},
              {new DateTime(1970, 1, 1, 0, 0, 1)}, {-new TimeSpan(34, 22, 59, 59)}, {1901}, {""}, {""}, {""}, {""}, {""},
              {FourBytes}, {Array.Empty<byte>()}, {Array.Empty<byte>()}, {Array.Empty<byte>()}, {"a"}, {""}, {"[]"},
              ST_GeomFromText({"POINT(0 0)"}), ST_GeomFromText({"POINT(-1.5 2.25)"}), {Guid.Empty}, {"::"}, {"0.0.0.0"}, {false})
            """, ct);
        var row = Assert.Single(await db.QueryAsync($"SELECT * FROM types", ct));

        Assert.Equal(sbyte.MinValue, row["ti"].GetSByte());
        Assert.Equal(byte.MinValue, row["tiu"].GetByte());
        Assert.Equal(short.MinValue, row["si"].GetInt16());
        Assert.Equal(ushort.MinValue, row["siu"].GetUInt16());
        Assert.Equal(-8388608, row["mi"].GetInt32());
        Assert.Equal(0U, row["miu"].GetUInt32());
        Assert.Equal(int.MinValue, row["i"].GetInt32());
        Assert.Equal(uint.MinValue, row["iu"].GetUInt32());
        Assert.Equal(long.MinValue, row["bi"].GetInt64());
        Assert.Equal(ulong.MinValue, row["biu"].GetUInt64());
        Assert.Equal(-999999999999999999.9999999999m, row["de"].GetDecimal());
        Assert.Equal(-1.5f, row["fl"].GetSingle());
        Assert.Equal(-2.2250738585072014E-308, row["du"].GetDouble());
        Assert.False(row["b1"].GetBoolean());
        Assert.Equal(0UL, row["b64"].GetUInt64());
        Assert.Equal(new DateOnly(1000, 1, 1), row["d"].GetDateOnly());
        Assert.Equal(new DateTime(1000, 1, 1), row["dt"].GetDateTime());
        Assert.Equal(new DateTime(1970, 1, 1, 0, 0, 1), row["ts"].GetDateTime());
        Assert.Equal(-new TimeSpan(34, 22, 59, 59), row["tm"].GetTimeSpan());
        Assert.Equal(1901, row["y"].GetInt32());
        Assert.All(["ch", "vc", "tx", "mt", "lt"], name => Assert.Equal("", row[name].GetString()));
        Assert.Equal(FourBytes, row["bn"].GetBytes());
        Assert.All(["vb", "bl", "lb"], name => Assert.Empty(row[name].GetBytes()));
        Assert.Equal("a", row["en"].GetString());
        Assert.Equal("", row["st"].GetString());
        Assert.Equal("[]", row["js"].GetString());
        Assert.Equal(Guid.Empty, row["uu"].GetGuid());
        Assert.Equal("::", row["i6"].GetString());
        Assert.Equal("0.0.0.0", row["i4"].GetString());
        Assert.False(row["bo"].GetBoolean());
        await AssertGeometryAsync(db, row, ct);
    }

    [Fact(Timeout = 60_000)]
    public async Task RoundTripsTheLargestValueOfEveryType()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var schema = await CreateTableAsync(ct);
        var db = schema.Connection;
        var unicode = "héllo ✓ 🎉 中文 'quoted' \\ \"double\" \0 \u001A";

        await db.ExecuteAsync($"""
            INSERT INTO types VALUES ({1}, {sbyte.MaxValue}, {byte.MaxValue}, {short.MaxValue}, {ushort.MaxValue}, {8388607}, {16777215},
              {int.MaxValue}, {uint.MaxValue}, {long.MaxValue}, {ulong.MaxValue}, {999999999999999999.9999999999m}, {3.25f},
              {1.7976931348623157E308}, {true}, {ulong.MaxValue}, {new DateOnly(9999, 12, 31)}, {new DateTime(9999, 12, 31, 23, 59, 59, 999, 999)},
              {new DateTime(2038, 1, 19, 3, 14, 7, 999, 999)}, {new TimeSpan(34, 22, 59, 59)}, {2155}, {"abc"}, {unicode}, {unicode},
              {unicode}, {unicode}, {FourBytes}, {FourBytes}, {FourBytes}, {FourBytes}, {"b c"}, {"x,z"}, {"{\"a\": [1, \"x\"]}"},
              ST_GeomFromText({"LINESTRING(0 0, 1 1)"}), ST_GeomFromText({"POINT(1 2)"}), {Guid.Parse("123e4567-e89b-12d3-a456-426614174000")},
              {"2001:db8::1"}, {"255.255.255.255"}, {true})
            """, ct);
        var row = Assert.Single(await db.QueryAsync($"SELECT * FROM types", ct));

        Assert.Equal(sbyte.MaxValue, row["ti"].GetSByte());
        Assert.Equal(byte.MaxValue, row["tiu"].GetByte());
        Assert.Equal(short.MaxValue, row["si"].GetInt16());
        Assert.Equal(ushort.MaxValue, row["siu"].GetUInt16());
        Assert.Equal(8388607, row["mi"].GetInt32());
        Assert.Equal(16777215U, row["miu"].GetUInt32());
        Assert.Equal(int.MaxValue, row["i"].GetInt32());
        Assert.Equal(uint.MaxValue, row["iu"].GetUInt32());
        Assert.Equal(long.MaxValue, row["bi"].GetInt64());
        Assert.Equal(ulong.MaxValue, row["biu"].GetUInt64());
        Assert.Equal(ulong.MaxValue, row["biu"].GetValue());
        Assert.Equal(999999999999999999.9999999999m, row["de"].GetDecimal());
        Assert.Equal(3.25f, row["fl"].GetSingle());
        Assert.Equal(1.7976931348623157E308, row["du"].GetDouble());
        Assert.True(row["b1"].GetBoolean());
        Assert.Equal(ulong.MaxValue, row["b64"].GetUInt64());
        Assert.Equal(new DateOnly(9999, 12, 31), row["d"].GetDateOnly());
        Assert.Equal(new DateTime(9999, 12, 31, 23, 59, 59, 999, 999), row["dt"].GetDateTime());
        Assert.Equal(new DateTime(2038, 1, 19, 3, 14, 7, 999, 999), row["ts"].GetDateTime());
        Assert.Equal(new TimeSpan(34, 22, 59, 59), row["tm"].GetTimeSpan());
        Assert.Equal(2155, row["y"].GetValue());
        Assert.Equal("abc", row["ch"].GetString());
        Assert.All(["vc", "tx", "mt", "lt"], name => Assert.Equal(unicode, row[name].GetString()));
        Assert.All(["bn", "vb", "bl", "lb"], name => Assert.Equal(FourBytes, row[name].GetBytes()));
        Assert.Equal(FourBytes, row["lb"].GetValue());
        Assert.Equal("b c", row["en"].GetString());
        Assert.Equal("x,z", row["st"].GetString());
        Assert.Equal("{\"a\": [1, \"x\"]}", row["js"].GetString());
        Assert.Equal(Guid.Parse("123e4567-e89b-12d3-a456-426614174000"), row["uu"].GetGuid());
        Assert.Equal("123e4567-e89b-12d3-a456-426614174000", row["uu"].GetValue());
        Assert.Equal("2001:db8::1", row["i6"].GetString());
        Assert.Equal("255.255.255.255", row["i4"].GetString());
        Assert.True(row["bo"].GetBoolean());
        await AssertGeometryAsync(db, row, ct);
    }

    [Fact(Timeout = 60_000)]
    public async Task ReadsNullInEveryType()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var schema = await CreateTableAsync(ct);
        var db = schema.Connection;

        await db.ExecuteAsync($"INSERT INTO types (id) VALUES ({1})", ct);
        var row = Assert.Single(await db.QueryAsync($"SELECT * FROM types", ct));

        Assert.False(row["id"].IsNull);
        Assert.All(row.Columns.Skip(1), column => Assert.True(row[column.Ordinal].IsNull, column.Name));
        Assert.All(row.Columns.Skip(1), column => Assert.Null(row[column.Ordinal].GetValue()));
        Assert.Null(row["bi"].Get<long?>());
        Assert.Null(row["dt"].Get<DateTime?>());
        Assert.Null(row["vc"].Get<string?>());
        Assert.Null(row["bl"].Get<byte[]?>());
    }

    [Fact(Timeout = 60_000)]
    public async Task DescribesEachColumnFromItsMetadata()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var schema = await CreateTableAsync(ct);

        var reader = await schema.Connection.ExecuteReaderAsync($"SELECT * FROM types", ct);
        await using (reader)
        {
            var columns = reader.Columns.ToDictionary(column => column.Name);
            Assert.Equal(MariaDbColumnType.Tiny, columns["ti"].Type);
            Assert.True(columns["biu"].IsUnsigned);
            Assert.Equal(MariaDbColumnType.NewDecimal, columns["de"].Type);
            Assert.Equal(10, columns["de"].Decimals);
            Assert.Equal(MariaDbColumnType.Bit, columns["b64"].Type);
            Assert.Equal(MariaDbColumnType.Timestamp, columns["ts"].Type);
            Assert.Equal(6, columns["dt"].Decimals);
            Assert.True(columns["bl"].IsBinary);
            Assert.False(columns["tx"].IsBinary);
            Assert.False(columns["bi"].IsBinary);
            Assert.True(columns["en"].Flags.HasFlag(MariaDbColumnFlags.Enum));
            Assert.True(columns["st"].Flags.HasFlag(MariaDbColumnFlags.Set));
            Assert.Equal("json", columns["js"].Format);
            Assert.Equal("uuid", columns["uu"].DataTypeName);
            Assert.Equal("inet6", columns["i6"].DataTypeName);
            Assert.Equal("inet4", columns["i4"].DataTypeName);
            Assert.Equal("point", columns["pt"].DataTypeName);
            Assert.Equal(MariaDbColumnType.Geometry, columns["geo"].Type);
            Assert.Equal(schema.Name, columns["id"].Schema);
            Assert.Equal("types", columns["id"].OriginalTable);
            Assert.True(columns["id"].Flags.HasFlag(MariaDbColumnFlags.PrimaryKey));
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData(MariaDbZeroDateHandling.MinValue)]
    [InlineData(MariaDbZeroDateHandling.Null)]
    public async Task ReadsZeroDatesWithoutThrowing(MariaDbZeroDateHandling zeroDates)
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        await using var schema = await ScratchSchema.CreateAsync(lab, ct);
        await schema.Connection.ExecuteAsync($"CREATE TABLE z (d DATE, dt DATETIME, ts TIMESTAMP NULL)", ct);
        await schema.Connection.ExecuteAsync(
            $"SET STATEMENT sql_mode = '' FOR INSERT INTO z VALUES ('0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00')", ct);
        await using var db = await MariaDbConnection.OpenAsync(
            LabConnections.Options(lab, lab.Primary) with { Database = schema.Name, ZeroDates = zeroDates }, ct);

        var row = Assert.Single(await db.QueryAsync($"SELECT d, dt, ts FROM z", ct));

        foreach (var value in new[] { row["d"], row["dt"], row["ts"] })
        {
            Assert.True(value.IsZeroDate);
            if (zeroDates == MariaDbZeroDateHandling.Null)
            {
                Assert.True(value.IsNull);
                Assert.Null(value.Get<DateTime?>());
            }
            else
            {
                Assert.Equal(DateTime.MinValue, value.GetDateTime());
                Assert.Equal(DateTime.MinValue, value.GetValue());
            }
        }
    }

    private static async Task<ScratchSchema> CreateTableAsync(CancellationToken cancellationToken)
    {
        var schema = await ScratchSchema.CreateAsync(LabEnvironment.Require(), cancellationToken);
        await schema.Connection.ExecuteAsync($"SET time_zone = '+00:00'", cancellationToken);
        await schema.Connection.ExecuteAsync($"""
            CREATE TABLE types (
              id INT PRIMARY KEY, ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT,
              miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, de DECIMAL(28,10), fl FLOAT,
              du DOUBLE, b1 BIT(1), b64 BIT(64), d DATE, dt DATETIME(6), ts TIMESTAMP(6) NULL, tm TIME(6), y YEAR,
              ch CHAR(10), vc VARCHAR(255), tx TEXT, mt MEDIUMTEXT, lt LONGTEXT, bn BINARY(4), vb VARBINARY(16), bl BLOB,
              lb LONGBLOB, en ENUM('a', 'b c'), st SET('x', 'y', 'z'), js JSON, geo GEOMETRY, pt POINT, uu UUID, i6 INET6,
              i4 INET4, bo BOOLEAN)
            """, cancellationToken);
        return schema;
    }

    /// <summary>GEOMETRY arrives as its 4-byte SRID followed by the WKB the server computes for it.</summary>
    private static async Task AssertGeometryAsync(MariaDbConnection db, MariaDbRow row, CancellationToken cancellationToken)
    {
        var wkb = Assert.Single(await db.QueryAsync($"SELECT ST_AsBinary(geo), ST_AsBinary(pt) FROM types", cancellationToken));
        Assert.Equal([0, 0, 0, 0, .. wkb[0].GetBytes()], Assert.IsType<byte[]>(row["geo"].GetValue()));
        Assert.Equal([0, 0, 0, 0, .. wkb[1].GetBytes()], row["pt"].GetBytes());
    }
}
