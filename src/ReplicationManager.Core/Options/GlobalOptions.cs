using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>Options of the repman process, read from <c>[Default]</c> only.</summary>
public sealed record GlobalOptions(
    string Datadir,
    ApiOptions Api,
    LoggingOptions Logging,
    GraphiteOptions Graphite,
    ArbitrationOptions Arbitration)
{
    internal static GlobalOptions From(ConfigSection section) => new(
        section.Get(MonitoringKeys.Datadir),
        ApiOptions.From(section),
        LoggingOptions.From(section),
        GraphiteOptions.From(section),
        ArbitrationOptions.From(section));
}
