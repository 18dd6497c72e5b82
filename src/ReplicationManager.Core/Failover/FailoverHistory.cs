using System.Text.Json.Serialization;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Failover;

/// <summary>
/// What <c>failover-limit</c> and <c>failover-time-limit</c> count, and what must happen after a failover: kept in
/// <c>{datadir}/{cluster}/failover.json</c> so that a restarted repman neither forgets nor repeats.
/// </summary>
/// <param name="Failovers">Failovers since the last <c>reset-failover-control</c>.</param>
/// <param name="LastChange">When the primary last changed (switchover or failover); null for never.</param>
/// <param name="RejoinPending">Servers that were down when the primary changed: they rejoin as replicas of <paramref name="RejoinSource"/> when they return.</param>
/// <param name="InProgress">A change that started and had not ended when this was written: what a restart must repair.</param>
public sealed record FailoverHistory(
    int Failovers = 0,
    DateTimeOffset? LastChange = null,
    IReadOnlyList<ServerAddress>? RejoinPending = null,
    ServerAddress? RejoinSource = null,
    PrimaryChangeInProgress? InProgress = null)
{
    public static FailoverHistory None { get; } = new();

    /// <summary>The servers waiting to rejoin, never null.</summary>
    public IReadOnlyList<ServerAddress> Rejoining => RejoinPending ?? [];
}

/// <summary>A switchover or failover under way: the servers whose settings it lowered and must give back.</summary>
/// <param name="Kind">Switchover or failover.</param>
/// <param name="OldPrimary">The primary it started from.</param>
/// <param name="Candidate">The server it promotes.</param>
/// <param name="MaxConnections">The old primary's <c>max_connections</c> before the drain; null when it was not lowered.</param>
/// <param name="Started">When it started.</param>
public sealed record PrimaryChangeInProgress(
    PrimaryChangeKind Kind,
    [property: JsonConverter(typeof(ServerAddressTextJsonConverter))] ServerAddress OldPrimary,
    [property: JsonConverter(typeof(ServerAddressTextJsonConverter))] ServerAddress Candidate,
    int? MaxConnections,
    DateTimeOffset Started);
