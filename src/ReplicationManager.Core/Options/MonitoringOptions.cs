using ReplicationManager.Core.Options.Keys;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Options;

/// <summary>What a cluster's monitor probes, how often, and with which credentials.</summary>
public sealed record MonitoringOptions(
    IReadOnlyList<ServerAddress> Hosts,
    Credential Credential,
    Credential? ReplicationCredential,
    TimeSpan Ticker,
    TimeSpan ConnectTimeout,
    TimeSpan QueryTimeout,
    TimeSpan ReadTimeout,
    string MonitoringAddress,
    IReadOnlyList<ServerAddress> PreferredMasters,
    IReadOnlyList<ServerAddress> IgnoredHosts,
    IReadOnlyList<ServerAddress> BackupHosts,
    DatabaseTlsOptions? Tls,
    int FalsePositivePingCounter,
    TimeSpan MaxReplicationDelay,
    bool DecreaseMaxConnections,
    int DecreaseMaxConnectionsValue)
{
    internal static MonitoringOptions From(ConfigSection section) => new(
        section.Get(MonitoringKeys.Hosts),
        section.Get(MonitoringKeys.Credential)!,
        section.Get(MonitoringKeys.ReplicationCredential),
        section.Get(MonitoringKeys.Ticker),
        section.Get(MonitoringKeys.ConnectTimeout),
        section.Get(MonitoringKeys.QueryTimeout),
        section.Get(MonitoringKeys.ReadTimeout),
        section.Get(MonitoringKeys.Address),
        section.Get(MonitoringKeys.PreferredMaster),
        section.Get(MonitoringKeys.IgnoredHosts),
        section.Get(MonitoringKeys.BackupHosts),
        DatabaseTlsOptions.From(section),
        section.Get(MonitoringKeys.FalsePositivePingCounter),
        section.Get(MonitoringKeys.MaxReplicationDelay),
        section.Get(MonitoringKeys.DecreaseMaxConnections),
        section.Get(MonitoringKeys.DecreaseMaxConnectionsValue));
}
