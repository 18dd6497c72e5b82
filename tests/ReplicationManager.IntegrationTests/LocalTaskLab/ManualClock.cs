namespace ReplicationManager.IntegrationTests.LocalTaskLab;

/// <summary>A clock the test sets, in UTC, so that backups and rotated tables can be named days apart in seconds.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
