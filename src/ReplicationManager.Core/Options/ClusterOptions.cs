using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>One monitored cluster: a section of the configuration over <c>[Default]</c>.</summary>
public sealed record ClusterOptions(
    string Name,
    string Title,
    MonitoringOptions Monitoring,
    SchedulerOptions Scheduler,
    BackupOptions Backup,
    SshOptions Ssh,
    HaproxyOptions Haproxy,
    ProxySqlOptions ProxySql,
    FailoverOptions Failover)
{
    /// <summary>The section the options were read from, for showing each key's effective value and default.</summary>
    public ConfigSection? Section { get; init; }

    internal static ClusterOptions From(ConfigSection section) => new(
        section.Name,
        section.Get(MonitoringKeys.Title) is { Length: > 0 } title ? title : section.Name,
        MonitoringOptions.From(section),
        SchedulerOptions.From(section),
        BackupOptions.From(section),
        SshOptions.From(section),
        HaproxyOptions.From(section),
        ProxySqlOptions.From(section),
        FailoverOptions.From(section))
    {
        Section = section,
    };
}
