using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>The embedded Carbon store and the metrics sent to it.</summary>
public sealed record GraphiteOptions(
    bool Metrics,
    bool Embedded,
    string CarbonHost,
    int CarbonPort,
    int CarbonPicklePort,
    int CarbonLinkPort,
    int CarbonPprofPort,
    int CarbonApiPort,
    int CarbonServerPort,
    bool Whitelist,
    bool Blacklist,
    string WhitelistTemplate,
    IReadOnlyList<Metrics.Whisper.Retention> Retentions)
{
    internal static GraphiteOptions From(ConfigSection section) => new(
        section.Get(GraphiteKeys.Metrics),
        section.Get(GraphiteKeys.Embedded),
        section.Get(GraphiteKeys.CarbonHost),
        section.Get(GraphiteKeys.CarbonPort),
        section.Get(GraphiteKeys.CarbonPicklePort),
        section.Get(GraphiteKeys.CarbonLinkPort),
        section.Get(GraphiteKeys.CarbonPprofPort),
        section.Get(GraphiteKeys.CarbonApiPort),
        section.Get(GraphiteKeys.CarbonServerPort),
        section.Get(GraphiteKeys.Whitelist),
        section.Get(GraphiteKeys.Blacklist),
        section.Get(GraphiteKeys.WhitelistTemplate),
        section.Get(GraphiteKeys.Retentions));
}
