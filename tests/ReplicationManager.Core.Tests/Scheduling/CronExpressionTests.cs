using ReplicationManager.Core.Scheduling;

namespace ReplicationManager.Core.Tests.Scheduling;

public sealed class CronExpressionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 15, 30, TimeSpan.Zero);

    [Theory]
    [InlineData("TZ=UTC 0 0 */6 * * *", "2026-11-22T12:00:00Z")]
    [InlineData("TZ=UTC 0 0 1 * * *", "2026-11-23T01:00:00Z")]
    [InlineData("TZ=UTC 0 0 3 * * 0", "2026-11-29T03:00:00Z")]
    [InlineData("TZ=UTC */5 * * * * *", "2026-11-22T10:15:35Z")]
    [InlineData("TZ=UTC 0 0/10 * * * *", "2026-11-22T10:20:00Z")]
    [InlineData("TZ=UTC 30 * * * *", "2026-11-22T10:30:00Z")]
    [InlineData("TZ=UTC @daily", "2026-11-23T00:00:00Z")]
    [InlineData("TZ=UTC @hourly", "2026-11-22T11:00:00Z")]
    [InlineData("TZ=UTC 0 0 0 1 JAN *", "2027-01-01T00:00:00Z")]
    [InlineData("TZ=UTC 0 0 0 * * SUN", "2026-11-29T00:00:00Z")]
    [InlineData("TZ=UTC 0 0 0 * * 7", "2026-11-29T00:00:00Z")]
    [InlineData("TZ=UTC 0 0 0 29 2 *", "2028-02-29T00:00:00Z")]
    [InlineData("TZ=UTC 0 0 4 2 * *", "2026-12-02T04:00:00Z")]
    public void FindsTheNextOccurrence(string expression, string expected)
    {
        var cron = CronExpression.Parse(expression);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), cron.GetNextOccurrence(Start));
    }

    [Fact]
    public void DayOfMonthAndDayOfWeekEitherMatchWhenBothAreRestricted()
    {
        var cron = CronExpression.Parse("TZ=UTC 0 0 3 1 * 5");

        // The 1st of December 2026 is a Tuesday; Friday the 27th of November comes first.
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero), cron.GetNextOccurrence(Start));
    }

    [Fact]
    public void EveryAddsItsDurationToTheLastSecond()
    {
        var cron = CronExpression.Parse("@every 1h30m");

        Assert.Equal(Start.AddMinutes(90), cron.GetNextOccurrence(Start));
    }

    [Fact]
    public void OccurrencesAreStrictlyAfterTheGivenTime()
    {
        var cron = CronExpression.Parse("TZ=UTC * * * * * *");
        var exact = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(exact.AddSeconds(1), cron.GetNextOccurrence(exact));
    }

    [Theory]
    [InlineData("", "empty cron expression")]
    [InlineData("0 0 * * *  * *", "expected 6 fields")]
    [InlineData("0 0 25 * * *", "hour field: 25 is out of range 0-23")]
    [InlineData("0 61 * * * *", "minute field: 61 is out of range 0-59")]
    [InlineData("0 0 0 * 13 *", "month field: 13 is out of range 1-12")]
    [InlineData("0 0 0 * * 8", "day-of-week field: 8 is out of range 0-6")]
    [InlineData("0 0 0 0 * *", "day-of-month field: 0 is out of range 1-31")]
    [InlineData("0 */0 * * * *", "step '0' in '*/0' must be a positive number")]
    [InlineData("0 5-1 * * * *", "range '5-1' starts after it ends")]
    [InlineData("0 x * * * *", "minute field: 'x' in 'x' is not a number")]
    [InlineData("0 0 0 30 2 *", "never fires")]
    [InlineData("@sometimes", "unknown descriptor '@sometimes'")]
    [InlineData("@every 5", "has unit ''")]
    [InlineData("@every 100ms", "shorter than one second")]
    [InlineData("TZ=Mars/Olympus 0 * * * * *", "unknown time zone 'Mars/Olympus'")]
    public void SaysPreciselyWhatIsWrong(string expression, string expected)
    {
        Assert.False(CronExpression.TryParse(expression, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 1 * * 6")]
    [InlineData("0 0 0 * * 0-4")]
    [InlineData("0 0/10 * * * *")]
    [InlineData("0 0 0/6 * * *")]
    [InlineData("0 0 3 1 * 5")]
    [InlineData("0 0 4 2 * *")]
    [InlineData("0 30 11 * * *")]
    [InlineData("0 30 10 * * 5")]
    [InlineData("0 0 0 1 * *")]
    [InlineData("0 * * * * *")]
    [InlineData("*/1 * * * * *")]
    [InlineData("0 0 3 * * 0")]
    [InlineData("0 0 */6 * * *")]
    [InlineData("0 0 1 * * *")]
    [InlineData("0 0 12 ? * MON-FRI")]
    public void ReadsEveryScheduleOfReplicationManagersDefaultsAndDocs(string expression)
    {
        Assert.True(CronExpression.TryParse(expression, out var cron, out var error), error);
        Assert.NotNull(cron.GetNextOccurrence(Start));
    }
}
