namespace ReplicationManager.Core.Scheduling;

/// <summary>One scheduled task of one cluster as it stands now: whether it is on and when it runs.</summary>
/// <param name="Name">The task's enable key, e.g. <c>scheduler-db-servers-logical-backup</c>.</param>
/// <param name="CronKey">The task's cron key, e.g. <c>scheduler-db-servers-logical-backup-cron</c>.</param>
public sealed record TaskSchedule(string Name, string CronKey, bool Enabled, CronExpression Cron);
