using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>Arbitration between repman peers.</summary>
public sealed record ArbitrationOptions(
    bool External,
    IReadOnlyList<string> ExternalHosts,
    string Secret,
    int UniqueId,
    IReadOnlyList<string> PeerHosts,
    TimeSpan ReadTimeout,
    string FailedMasterScript,
    string ArbitratorBindAddress,
    string ArbitratorDriver)
{
    internal static ArbitrationOptions From(ConfigSection section) => new(
        section.Get(ArbitrationKeys.External),
        section.Get(ArbitrationKeys.ExternalHosts),
        section.Get(ArbitrationKeys.ExternalSecret),
        section.Get(ArbitrationKeys.ExternalUniqueId),
        section.Get(ArbitrationKeys.PeerHosts),
        section.Get(ArbitrationKeys.ReadTimeout),
        section.Get(ArbitrationKeys.FailedMasterScript),
        section.Get(ArbitrationKeys.ArbitratorBindAddress),
        section.Get(ArbitrationKeys.ArbitratorDriver));
}
