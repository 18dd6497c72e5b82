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
    /// <summary>The <c>[Default]</c> section the options were read from, for showing each key's effective value and default.</summary>
    public ConfigSection? Section { get; init; }

    internal static GlobalOptions From(ConfigSection section) => new(
        section.Get(MonitoringKeys.Datadir),
        ApiOptions.From(section),
        LoggingOptions.From(section),
        GraphiteOptions.From(section),
        ArbitrationOptions.From(section))
    {
        Section = section,
    };
}
