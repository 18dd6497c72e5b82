using ReplicationManager.Core.Scheduling;

namespace ReplicationManager.Core.Options;

/// <summary>
/// A task of the cluster scheduler: its enable key, whether it is on, and its cron schedule; off with
/// <paramref name="DisabledBecause"/> when the configuration asks for something repman cannot run.
/// </summary>
public sealed record ScheduledTask(string Name, bool Enabled, CronExpression Cron, string? DisabledBecause = null)
{
    internal static ScheduledTask From(ConfigSection section, ConfigKey<bool> enabled, ConfigKey<CronExpression> cron) =>
        new(enabled.Name, section.Get(enabled), section.Get(cron));
}
