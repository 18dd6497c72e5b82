using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>A server of a cluster changed state during a monitoring tick.</summary>
/// <param name="Cluster">The cluster's name.</param>
/// <param name="Server">The server.</param>
/// <param name="Previous">Its state before.</param>
/// <param name="Current">Its state now.</param>
/// <param name="Reason">Why, in a few words (for example <c>connect refused</c>).</param>
/// <param name="Time">When the tick saw it.</param>
public sealed record ServerStateChange(
    string Cluster,
    ServerAddress Server,
    ServerState Previous,
    ServerState Current,
    string? Reason,
    DateTimeOffset Time)
{
    /// <summary>replication-manager's id of the server.</summary>
    public string ServerId => ServerIdentity.IdOf(Server);

    public override string ToString() =>
        $"Server {Server} of {Cluster}: {Previous.ToGoName()} -> {Current.ToGoName()}" + (Reason is null ? "" : $" ({Reason})");
}
