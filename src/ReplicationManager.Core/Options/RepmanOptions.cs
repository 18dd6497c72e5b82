namespace ReplicationManager.Core.Options;

/// <summary>Everything repman runs with: process-wide options and one entry per monitored cluster.</summary>
public sealed record RepmanOptions(GlobalOptions Global, IReadOnlyList<ClusterOptions> Clusters)
{
    internal static RepmanOptions From(ConfigSection global, IReadOnlyList<ConfigSection> clusters) =>
        new(GlobalOptions.From(global), clusters.Select(ClusterOptions.From).ToList());
}
