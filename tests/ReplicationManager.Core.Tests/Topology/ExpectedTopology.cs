using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Topology;

/// <summary>What a scenario expects: the primary, optionally the replicas, every server's state, and exactly these problems.</summary>
internal sealed record ExpectedTopology(
    ServerAddress? Primary,
    IReadOnlyList<ServerAddress>? Replicas,
    IReadOnlyDictionary<string, ServerState> States,
    IReadOnlyList<ExpectedProblem> Problems);
