using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>What one successful probe read from a server, before any interpretation.</summary>
internal sealed record ProbeReading
{
    /// <summary>The port the reading came through (the configured port or the extra port).</summary>
    public required int Port { get; init; }

    /// <summary>Why the probe went through the extra port; null when it used the main port.</summary>
    public string? ExtraPortReason { get; init; }

    public required string VersionString { get; init; }

    public required Version Version { get; init; }

    public required ServerFlavor Flavor { get; init; }

    /// <summary>Global variables by upper-case name.</summary>
    public required IReadOnlyDictionary<string, string> Variables { get; init; }

    /// <summary>Global status by upper-case name.</summary>
    public required IReadOnlyDictionary<string, string> Status { get; init; }

    public IReadOnlyList<ReplicationChannel> Channels { get; init; } = [];

    public BinlogPosition? BinlogPosition { get; init; }

    /// <summary>SHOW SLAVE HOSTS; null when not read this time (the server had no replica connected last time).</summary>
    public IReadOnlyList<ReplicaHost>? ReplicaHosts { get; init; }
}
