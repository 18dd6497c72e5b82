using System.Text.Json.Serialization;
using ReplicationManager.Core.Scheduling;

namespace ReplicationManager.Server.Api.Contracts;

/// <summary>
/// The schedule of a cluster: the master switch, how jobs reach the job script (sql or api), each task and the
/// recent firings (newest first).
/// </summary>
public sealed record ScheduleJson(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("jobsMode")] string JobsMode,
    [property: JsonPropertyName("tasks")] IReadOnlyList<ScheduledTaskJson> Tasks,
    [property: JsonPropertyName("ticks")] IReadOnlyList<ScheduleTickJson> Ticks)
{
    internal static ScheduleJson Of(ClusterScheduler scheduler, DateTimeOffset now) => new(
        scheduler.Settings.Enabled,
        scheduler.Settings.JobsMode.ToString().ToLowerInvariant(),
        scheduler.Settings.Tasks.Select(task => new ScheduledTaskJson(
            task.Name,
            task.CronKey,
            task.Enabled,
            task.Cron.Text,
            scheduler.Settings.Enabled && task.Enabled ? task.Cron.GetNextOccurrence(now) : null,
            scheduler.IsRunning(task.Name),
            task.DisabledBecause)).ToList(),
        scheduler.Ticks.Select(tick => new ScheduleTickJson(tick.Task, tick.At, tick.Outcome.ToString().ToLowerInvariant(), tick.Reason)).ToList());
}

/// <summary>One scheduled task: its keys, whether it is on, its cron and its next run.</summary>
public sealed record ScheduledTaskJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("cronKey")] string CronKey,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("cron")] string Cron,
    [property: JsonPropertyName("nextRun")] DateTimeOffset? NextRun,
    [property: JsonPropertyName("running")] bool Running,
    [property: JsonPropertyName("disabledBecause"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DisabledBecause = null);

/// <summary>One firing: started, skipped (with the reason) or failed.</summary>
public sealed record ScheduleTickJson(
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("reason")] string? Reason);
