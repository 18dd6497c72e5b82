namespace ReplicationManager.Core.Scheduling;

/// <summary>One scheduled task of one cluster as it stands now: whether it is on and when it runs.</summary>
/// <param name="Name">The task's enable key, e.g. <c>scheduler-db-servers-logical-backup</c>.</param>
/// <param name="CronKey">The task's cron key, e.g. <c>scheduler-db-servers-logical-backup-cron</c>.</param>
/// <param name="DisabledBecause">Why the task is off and cannot be turned on (the configuration asks for a tool repman does not run).</param>
public sealed record TaskSchedule(string Name, string CronKey, bool Enabled, CronExpression Cron, string? DisabledBecause = null);
