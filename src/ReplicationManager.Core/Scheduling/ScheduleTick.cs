namespace ReplicationManager.Core.Scheduling;

/// <summary>What happened when a task's cron fired.</summary>
public sealed record ScheduleTick(string Task, DateTimeOffset At, ScheduleOutcome Outcome, string? Reason);

/// <summary>The outcome of one cron firing.</summary>
public enum ScheduleOutcome
{
    /// <summary>The task was started.</summary>
    Started,

    /// <summary>The previous run of the task was still going: not started twice.</summary>
    Skipped,

    /// <summary>The task was started and failed before it could run.</summary>
    Failed,
}
