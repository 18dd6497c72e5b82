using ReplicationManager.Toml;

namespace ReplicationManager.Core.Tests.Toml;

/// <summary>Date-times keep every digit written and normalize their text; conversions truncate to .NET's 100 ns.</summary>
public sealed class TomlDateTimeTests
{
    [Theory]
    [InlineData("1979-05-27T07:32:00Z", "1979-05-27T07:32:00Z")]
    [InlineData("1979-05-27t07:32:00z", "1979-05-27T07:32:00Z")]
    [InlineData("1979-05-27 07:32:00-07:00", "1979-05-27T07:32:00-07:00")]
    [InlineData("1979-05-27T00:32:00.999999-00:00", "1979-05-27T00:32:00.999999-00:00")]
    public void NormalizesOffsetDateTimes(string text, string normalized)
    {
        var value = Assert.IsType<TomlOffsetDateTime>(TomlReader.Parse($"v = {text}")["v"]);

        Assert.Equal(normalized, value.ToString());
    }

    [Fact]
    public void KeepsFractionalSecondsBeyondWhatDotNetHolds()
    {
        var value = Assert.IsType<TomlOffsetDateTime>(TomlReader.Parse("v = 1979-05-27T00:32:00.123456789012-07:30")["v"]);

        Assert.Equal("123456789012", value.Time.Fraction);
        Assert.Equal("1979-05-27T00:32:00.123456789012-07:30", value.ToString());
        Assert.Equal(new TimeSpan(-7, -30, 0), value.Offset);
        Assert.Equal(
            new DateTimeOffset(1979, 5, 27, 0, 32, 0, new TimeSpan(-7, -30, 0)).AddTicks(1_234_567),
            value.ToDateTimeOffset());
    }

    [Fact]
    public void ConvertsLocalValues()
    {
        var root = TomlReader.Parse("ldt = 1979-05-27T07:32:00.5\nld = 1979-05-27\nlt = 00:32:00.999999\n");

        var dateTime = Assert.IsType<TomlLocalDateTime>(root["ldt"]);
        Assert.Equal(new DateTime(1979, 5, 27, 7, 32, 0, 500, DateTimeKind.Unspecified), dateTime.ToDateTime());
        Assert.Equal(new TomlDate(1979, 5, 27), dateTime.Date);
        Assert.Equal(new TomlTime(7, 32, 0, "5"), dateTime.Time);
        Assert.Equal(new DateOnly(1979, 5, 27), Assert.IsType<TomlLocalDate>(root["ld"]).ToDateOnly());
        var time = Assert.IsType<TomlLocalTime>(root["lt"]);
        Assert.Equal(new TimeOnly(0, 32, 0).Add(TimeSpan.FromTicks(9_999_990)), time.ToTimeOnly());
        Assert.Equal("00:32:00.999999", time.ToString());
    }

    [Fact]
    public void RollsALeapSecondIntoTheNextMinute()
    {
        var root = TomlReader.Parse("odt = 1990-12-31T23:59:60Z\nlt = 23:59:60\n");

        Assert.Equal(new DateTimeOffset(1991, 1, 1, 0, 0, 0, TimeSpan.Zero), Assert.IsType<TomlOffsetDateTime>(root["odt"]).ToDateTimeOffset());
        Assert.Equal(TimeOnly.MinValue, Assert.IsType<TomlLocalTime>(root["lt"]).ToTimeOnly());
        Assert.Equal("23:59:60", root["lt"].ToString());
    }

    [Fact]
    public void AcceptsLeapDaysOnlyInLeapYears()
    {
        Assert.Equal("2000-02-29", TomlReader.Parse("d = 2000-02-29")["d"].ToString());
        Assert.Equal("0000-02-29", TomlReader.Parse("d = 0000-02-29")["d"].ToString());
        Assert.Throws<TomlException>(() => TomlReader.Parse("d = 1900-02-29"));
    }

    [Fact]
    public void ParsesYearZeroThatDateOnlyCannotHold()
    {
        var value = Assert.IsType<TomlLocalDate>(TomlReader.Parse("d = 0000-01-01")["d"]);

        Assert.Equal(new TomlDate(0, 1, 1), value.Date);
        Assert.Throws<ArgumentOutOfRangeException>(() => value.ToDateOnly());
    }

    [Fact]
    public void RefusesToBuildDatesAndTimesThatDoNotExist()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TomlDate(2023, 2, 29));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TomlDate(10_000, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TomlTime(24, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TomlTime(23, 59, 61));
        Assert.Throws<ArgumentException>(() => new TomlTime(23, 59, 59, "5x"));
        Assert.Equal("23:59:60.5", new TomlTime(23, 59, 60, "5").ToString());
        Assert.Equal(new TomlTime(1, 2, 3), new TomlTime(1, 2, 3, string.Empty));
    }

    [Fact]
    public void ReadsADateFollowedByACommentAsADate()
    {
        var root = TomlReader.Parse("d = 1979-05-27 # birthday\narr = [1979-05-27 ,1979-05-27 07:32:00]\n");

        Assert.IsType<TomlLocalDate>(root["d"]);
        Assert.Equal([TomlValueKind.LocalDate, TomlValueKind.LocalDateTime], Assert.IsType<TomlArray>(root["arr"]).Select(value => value.Kind));
    }
}
