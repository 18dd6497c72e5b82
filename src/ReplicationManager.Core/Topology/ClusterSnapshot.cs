namespace ReplicationManager.Core.Topology;

/// <summary>A cluster as one monitoring tick saw it: every server, the primary, its replicas and the problems found.</summary>
public sealed record ClusterSnapshot
{
    /// <summary>The cluster's name (its configuration section).</summary>
    public required string Name { get; init; }

    /// <summary>When the tick that made this snapshot ran.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>Monitoring ticks since start; 0 for a snapshot made of saved state only.</summary>
    public long Tick { get; init; }

    /// <summary>How long the tick took to probe and analyse every server (for /metrics).</summary>
    public TimeSpan TickDuration { get; init; }

    /// <summary>Every configured server, in configuration order.</summary>
    public IReadOnlyList<ServerSnapshot> Servers { get; init; } = [];

    /// <summary>The primary's address, or null when there is none; it stays set while the primary is Suspect or Failed.</summary>
    public ServerAddress? PrimaryAddress { get; init; }

    /// <summary>The servers that replicate from the primary, directly or through a relay, in configuration order.</summary>
    public IReadOnlyList<ServerAddress> Replicas { get; init; } = [];

    /// <summary>What is wrong, most serious first (cluster-wide problems, then per server in configuration order).</summary>
    public IReadOnlyList<TopologyProblem> Problems { get; init; } = [];

    /// <summary>The primary's snapshot, or null.</summary>
    public ServerSnapshot? Primary => PrimaryAddress is null ? null : Find(PrimaryAddress);

    /// <summary>A server by address, or null.</summary>
    public ServerSnapshot? Find(ServerAddress address) => Servers.FirstOrDefault(s => s.Address == address);

    /// <summary>A server by replication-manager id (<c>db...</c>), or null.</summary>
    public ServerSnapshot? FindById(string id) => Servers.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));
}
