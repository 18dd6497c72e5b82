using System.Text;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Tests.MariaDb;

public sealed class MariaDbValueTests
{
    [Theory]
    [InlineData(MariaDbColumnType.Tiny, "-128", -128L)]
    [InlineData(MariaDbColumnType.Short, "32767", 32767L)]
    [InlineData(MariaDbColumnType.Int24, "-8388608", -8388608L)]
    [InlineData(MariaDbColumnType.Long, "2147483647", 2147483647L)]
    [InlineData(MariaDbColumnType.LongLong, "-9223372036854775808", long.MinValue)]
    [InlineData(MariaDbColumnType.LongLong, "0007", 7L)]
    [InlineData(MariaDbColumnType.NewDecimal, "12", 12L)]
    public void ReadsSignedIntegers(MariaDbColumnType type, string text, long expected) =>
        Assert.Equal(expected, Value(text, type).GetInt64());

    [Fact]
    public void ReadsTheLargestUnsignedBigint()
    {
        var value = Value("18446744073709551615", MariaDbColumnType.LongLong, flags: MariaDbColumnFlags.Unsigned);

        Assert.Equal(ulong.MaxValue, value.GetUInt64());
        Assert.Equal(ulong.MaxValue, value.GetValue());
        Assert.Throws<InvalidCastException>(() => value.GetInt64());
    }

    [Fact]
    public void RefusesToNarrowAnIntegerThatDoesNotFit()
    {
        var error = Assert.Throws<InvalidCastException>(() => Value("300", MariaDbColumnType.Short).GetByte());

        Assert.Contains("'300' is not a Byte", error.Message, StringComparison.Ordinal);
        Assert.Equal((short)300, Value("300", MariaDbColumnType.Short).GetInt16());
        Assert.Equal(-5, Value("-5", MariaDbColumnType.Tiny).GetSByte());
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-1.7976931348623157e308", -1.7976931348623157e308)]
    [InlineData("1e-5", 1e-5)]
    [InlineData("2.2250738585072014E-308", 2.2250738585072014E-308)]
    public void ReadsDoublesInEveryForm(string text, double expected) =>
        Assert.Equal(expected, Value(text, MariaDbColumnType.Double).GetDouble());

    [Fact]
    public void ReadsFloatsAndDecimals()
    {
        Assert.Equal(3.14159f, Value("3.14159", MariaDbColumnType.Float).GetSingle());
        Assert.Equal(3.14159f, Value("3.14159", MariaDbColumnType.Float).GetValue());
        Assert.Equal(-12345678901234567890.123456789m, Value("-12345678901234567890.123456789", MariaDbColumnType.NewDecimal).GetDecimal());
        Assert.Equal(0.10m, Value("0.10", MariaDbColumnType.NewDecimal).GetValue());
    }

    [Fact]
    public void ReadsBitsAsBigEndianBytes()
    {
        var value = new MariaDbValue(new byte[] { 0x01, 0x02 }, false, Column(MariaDbColumnType.Bit, 63), MariaDbZeroDateHandling.MinValue);

        Assert.Equal(0x0102UL, value.GetUInt64());
        Assert.Equal(0x0102UL, value.GetValue());
        Assert.True(value.GetBoolean());
        Assert.Equal([0x01, 0x02], value.GetBytes());
    }

    [Theory]
    [InlineData("2024-02-29", "2024-02-29T00:00:00.0000000")]
    [InlineData("2024-02-29 23:59:59", "2024-02-29T23:59:59.0000000")]
    [InlineData("1000-01-01 00:00:00.000001", "1000-01-01T00:00:00.0000010")]
    [InlineData("9999-12-31 23:59:59.999999", "9999-12-31T23:59:59.9999990")]
    [InlineData("2024-01-02 03:04:05.5", "2024-01-02T03:04:05.5000000")]
    public void ReadsDatesAndDateTimesWithFractionalSeconds(string text, string expected) =>
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Value(text, MariaDbColumnType.DateTime).GetDateTime());

    [Theory]
    [InlineData("0000-00-00")]
    [InlineData("0000-00-00 00:00:00")]
    [InlineData("2024-00-10")]
    [InlineData("2024-05-00 10:00:00")]
    public void ReadsZeroDatesAsMinValueOrNullByOption(string text)
    {
        var asMinValue = Value(text, MariaDbColumnType.DateTime);
        var asNull = Value(text, MariaDbColumnType.Date, zeroDates: MariaDbZeroDateHandling.Null);

        Assert.True(asMinValue.IsZeroDate);
        Assert.False(asMinValue.IsNull);
        Assert.Equal(DateTime.MinValue, asMinValue.GetDateTime());
        Assert.Equal(DateOnly.MinValue, asMinValue.GetDateOnly());
        Assert.True(asNull.IsNull);
        Assert.Null(asNull.GetValue());
        Assert.Null(asNull.Get<DateTime?>());
        Assert.Equal(text, asNull.Raw.Length > 0 ? Encoding.UTF8.GetString(asNull.Raw) : null);
    }

    [Theory]
    [InlineData("00:00:00", 0, 0, 0, 0)]
    [InlineData("23:59:59.999999", 0, 23, 59, 59.999999)]
    [InlineData("838:59:59", 34, 22, 59, 59)]
    [InlineData("-838:59:59.000000", -34, -22, -59, -59)]
    [InlineData("-00:00:01.5", 0, 0, 0, -1.5)]
    [InlineData("100:00:00", 4, 4, 0, 0)]
    public void ReadsTimesThatAreNegativeOrLongerThanADay(string text, int days, int hours, int minutes, double seconds)
    {
        var expected = new TimeSpan(days, hours, minutes, 0) + TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

        Assert.Equal(expected, Value(text, MariaDbColumnType.Time).GetTimeSpan());
    }

    [Fact]
    public void ReadsYearsAsIntegers()
    {
        Assert.Equal(2024, Value("2024", MariaDbColumnType.Year).GetValue());
        Assert.Equal(1901, Value("1901", MariaDbColumnType.Year).GetInt32());
    }

    [Fact]
    public void ReadsBinaryColumnsAsBytesAndTextAsStrings()
    {
        var blob = new MariaDbValue(new byte[] { 0, 255, 39 }, false, Column(MariaDbColumnType.Blob, 63), MariaDbZeroDateHandling.MinValue);
        var text = Value("héllo ✓ 🎉", MariaDbColumnType.Blob);

        Assert.Equal(new byte[] { 0, 255, 39 }, blob.GetValue());
        Assert.Equal("héllo ✓ 🎉", text.GetValue());
        Assert.Equal("0x00FF27", blob.ToString());
    }

    [Fact]
    public void ReadsUuidsAsTextOrGuid()
    {
        var value = Value("123e4567-e89b-12d3-a456-426614174000", MariaDbColumnType.String);

        Assert.Equal("123e4567-e89b-12d3-a456-426614174000", value.GetValue());
        Assert.Equal(Guid.Parse("123e4567-e89b-12d3-a456-426614174000"), value.Get<Guid>());
    }

    [Fact]
    public void ReadsNullAsNullForNullableTypesAndRefusesOtherwise()
    {
        var value = new MariaDbValue(default, true, Column(MariaDbColumnType.LongLong, 63, "Seconds_Behind_Master"), MariaDbZeroDateHandling.MinValue);

        Assert.True(value.IsNull);
        Assert.Null(value.Get<long?>());
        Assert.Null(value.Get<string>());
        Assert.Null(value.GetValue());
        var error = Assert.Throws<InvalidCastException>(() => value.GetInt64());
        Assert.Contains("'Seconds_Behind_Master' is NULL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertsThroughGetToEveryGetterType()
    {
        Assert.Equal(5L, Value("5", MariaDbColumnType.Long).Get<long?>());
        Assert.Equal(5, Value("5", MariaDbColumnType.Long).Get<int>());
        Assert.Equal(5U, Value("5", MariaDbColumnType.Long).Get<uint>());
        Assert.True(Value("1", MariaDbColumnType.Tiny).Get<bool>());
        Assert.Equal(1.25m, Value("1.25", MariaDbColumnType.NewDecimal).Get<decimal>());
        Assert.Equal("x", Value("x", MariaDbColumnType.VarString).Get<string>());
        Assert.Equal(TimeSpan.FromHours(1), Value("01:00:00", MariaDbColumnType.Time).Get<TimeSpan?>());
        Assert.Equal(5L, Value("5", MariaDbColumnType.LongLong).Get<object>());
        Assert.Throws<InvalidCastException>(() => Value("5", MariaDbColumnType.Long).Get<Uri>());
    }

    [Fact]
    public void SaysWhichColumnAndValueCouldNotBeRead()
    {
        var error = Assert.Throws<InvalidCastException>(() => Value("Yes", MariaDbColumnType.VarString, name: "Slave_IO_Running").GetInt32());

        Assert.Equal("column 'Slave_IO_Running' (VarString) value 'Yes' is not an Int64", error.Message);
    }

    private static MariaDbValue Value(
        string text, MariaDbColumnType type, MariaDbColumnFlags flags = MariaDbColumnFlags.None, string name = "c",
        MariaDbZeroDateHandling zeroDates = MariaDbZeroDateHandling.MinValue) =>
        new(Encoding.UTF8.GetBytes(text), false, Column(type, type is MariaDbColumnType.VarString or MariaDbColumnType.String or MariaDbColumnType.Blob ? 45 : 63, name, flags), zeroDates);

    private static MariaDbColumn Column(MariaDbColumnType type, int characterSet, string name = "c", MariaDbColumnFlags flags = MariaDbColumnFlags.None) =>
        new(0, name, name, "t", "t", "lab", characterSet, 255, type, flags, 0, null, null);
}
