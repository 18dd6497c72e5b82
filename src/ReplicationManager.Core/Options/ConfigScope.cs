namespace ReplicationManager.Core.Options;

/// <summary>Where a configuration key may be written.</summary>
public enum ConfigScope
{
    /// <summary>Read from <c>[Default]</c> only: it configures the repman process (ports, data directory, users).</summary>
    Global,

    /// <summary>Read from <c>[Default]</c> and overridden by each cluster section.</summary>
    Cluster,
}
