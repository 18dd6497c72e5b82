using System.Globalization;
using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Tests.Backups;

public sealed class RetentionPolicyTests
{
    public static TheoryData<string, BackupRetention, string[], string[]> Tables => new()
    {
        {
            "hourly: the newest backup of each of the last 3 hours that have one",
            new BackupRetention(3, 0, 0, 0, 0),
            ["2026-11-22 10:00", "2026-11-22 10:30", "2026-11-22 11:15", "2026-11-22 12:05", "2026-11-22 12:40", "2026-11-22 13:10"],
            ["2026-11-22 13:10", "2026-11-22 12:40", "2026-11-22 11:15"]
        },
        {
            "hourly counts hours with backups, not the hours on the clock",
            new BackupRetention(2, 0, 0, 0, 0),
            ["2026-11-20 08:00", "2026-11-21 09:00", "2026-11-22 10:00"],
            ["2026-11-22 10:00", "2026-11-21 09:00"]
        },
        {
            "daily: the newest of each of the last 2 days",
            new BackupRetention(0, 2, 0, 0, 0),
            ["2026-11-20 01:00", "2026-11-20 23:00", "2026-11-21 01:00", "2026-11-22 01:00", "2026-11-22 02:00"],
            ["2026-11-22 02:00", "2026-11-21 01:00"]
        },
        {
            "weekly: ISO weeks start on Monday (the 16th and the 9th of November 2026 are Mondays)",
            new BackupRetention(0, 0, 2, 0, 0),
            ["2026-11-08 12:00", "2026-11-09 12:00", "2026-11-15 12:00", "2026-11-16 12:00", "2026-11-22 12:00"],
            ["2026-11-22 12:00", "2026-11-15 12:00"]
        },
        {
            "monthly and yearly: a backup kept by any rule stays",
            new BackupRetention(0, 0, 0, 2, 2),
            ["2024-12-31 12:00", "2025-06-01 12:00", "2025-12-15 12:00", "2026-01-10 12:00", "2026-02-01 12:00"],
            ["2026-02-01 12:00", "2026-01-10 12:00", "2025-12-15 12:00"]
        },
        {
            "nothing to keep by the rules: the newest stays",
            new BackupRetention(0, 0, 0, 0, 0),
            ["2026-11-20 12:00", "2026-11-21 12:00", "2026-11-22 12:00"],
            ["2026-11-22 12:00"]
        },
        {
            "replication-manager's defaults (1 hourly, 1 daily, 4 weekly, 12 monthly, 2 yearly) over nightly backups",
            new BackupRetention(1, 1, 4, 12, 2),
            ["2026-10-30 01:00", "2026-10-31 01:00", "2026-11-01 01:00", "2026-11-08 01:00", "2026-11-15 01:00", "2026-11-19 01:00",
             "2026-11-20 01:00", "2026-11-21 01:00", "2026-11-22 01:00"],
            // weeks 47 (22nd), 46 (15th), 45 (8th), 44 (1st); months 11 (22nd), 10 (31st); year 2026 (22nd)
            ["2026-11-22 01:00", "2026-11-15 01:00", "2026-11-08 01:00", "2026-11-01 01:00", "2026-10-31 01:00"]
        },
        {
            "a single backup stays",
            new BackupRetention(1, 1, 4, 12, 2),
            ["2026-11-22 01:00"],
            ["2026-11-22 01:00"]
        },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void KeepsTheNewestBackupOfEachPeriod(string rule, BackupRetention retention, string[] taken, string[] kept)
    {
        var decisions = RetentionPolicy.Decide(taken.Select(Backup).ToList(), retention, TimeZoneInfo.Utc);

        var actual = decisions.Where(decision => decision.Keep).Select(decision => decision.Backup.Id).ToList();
        Assert.True(kept.Select(Backup).Select(backup => backup.Id).SequenceEqual(actual), $"{rule}: kept {string.Join(", ", actual)}");
        Assert.Equal(taken.Length, decisions.Count);
    }

    [Fact]
    public void PeriodsAreReadInTheGivenTimeZone()
    {
        // 23:30 and 00:30 UTC are two days in UTC, but the same day two hours east.
        var backups = new[] { "2026-11-21 23:30", "2026-11-22 00:30" }.Select(Backup).ToList();
        var daily = new BackupRetention(0, 2, 0, 0, 0);
        var east = TimeZoneInfo.CreateCustomTimeZone("UTC+2", TimeSpan.FromHours(2), "UTC+2", "UTC+2");

        Assert.All(RetentionPolicy.Decide(backups, daily, TimeZoneInfo.Utc), decision => Assert.True(decision.Keep));
        Assert.Single(RetentionPolicy.Decide(backups, daily, east), decision => decision.Keep);
    }

    [Fact]
    public void TheBackupJustMadeStaysEvenWhenAnotherLooksNewer()
    {
        var backups = new[] { "2026-11-22 01:00", "2026-11-22 02:00", "2026-11-22 03:00" }.Select(Backup).ToList();

        var decisions = RetentionPolicy.Decide(backups, new BackupRetention(0, 0, 0, 0, 0), TimeZoneInfo.Utc, justMade: backups[1].Id);

        Assert.Equal(new[] { "newest" }, decisions.Single(decision => decision.Backup == backups[2]).KeptBy);
        Assert.Equal(new[] { "just made" }, decisions.Single(decision => decision.Backup == backups[1]).KeptBy);
        Assert.False(decisions.Single(decision => decision.Backup == backups[0]).Keep);
    }

    [Fact]
    public void EveryRuleThatKeepsABackupIsNamed()
    {
        var backups = new[] { "2026-11-21 01:00", "2026-11-22 01:00" }.Select(Backup).ToList();

        var decisions = RetentionPolicy.Decide(backups, new BackupRetention(1, 2, 0, 0, 0), TimeZoneInfo.Utc);

        Assert.Equal(new[] { "newest", "hourly", "daily" }, decisions[0].KeptBy);
        Assert.Equal(new[] { "daily" }, decisions[1].KeptBy);
    }

    private static BackupName Backup(string taken) =>
        new("mysqldump", DateTimeOffset.ParseExact(taken, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
}
