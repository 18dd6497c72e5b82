using System.Diagnostics.CodeAnalysis;

namespace ReplicationManager.Core.Topology;

/// <summary>Helpers over <see cref="ServerState"/>: the Go state string and the questions checks ask of a state.</summary>
public static class ServerStates
{
    /// <summary>replication-manager's name of the state (<c>"Master"</c>, <c>"SlaveErr"</c>, <c>"StandAlone"</c>...).</summary>
    public static string ToGoName(this ServerState state) => state switch
    {
        ServerState.Unknown => "Unknown",
        ServerState.Master => "Master",
        ServerState.Slave => "Slave",
        ServerState.SlaveErr => "SlaveErr",
        ServerState.SlaveLate => "SlaveLate",
        ServerState.StandAlone => "StandAlone",
        ServerState.Suspect => "Suspect",
        ServerState.Failed => "Failed",
        ServerState.Maintenance => "Maintenance",
        ServerState.ErrorAuth => "ErrorAuth",
        ServerState.Relay => "Relay",
        ServerState.RelayErr => "RelayErr",
        ServerState.RelayLate => "RelayLate",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Reads a Go state string (case-sensitive, as replication-manager writes it).</summary>
    public static bool TryParseGoName(string name, [NotNullWhen(true)] out ServerState? state)
    {
        foreach (var candidate in Enum.GetValues<ServerState>())
        {
            if (string.Equals(candidate.ToGoName(), name, StringComparison.Ordinal))
            {
                state = candidate;
                return true;
            }
        }
        state = null;
        return false;
    }

    /// <summary>The server did not answer the latest probe, or refused repman's credentials.</summary>
    public static bool IsUnreachable(this ServerState state) =>
        state is ServerState.Suspect or ServerState.Failed or ServerState.ErrorAuth;

    /// <summary>A replica or relay, healthy or not.</summary>
    public static bool IsReplica(this ServerState state) =>
        state is ServerState.Slave or ServerState.SlaveErr or ServerState.SlaveLate
            or ServerState.Relay or ServerState.RelayErr or ServerState.RelayLate;

    /// <summary>A replica or relay with a stopped thread.</summary>
    public static bool IsReplicationBroken(this ServerState state) =>
        state is ServerState.SlaveErr or ServerState.RelayErr;
}
