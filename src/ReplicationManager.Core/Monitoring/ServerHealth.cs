using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Monitoring;

/// <summary>
/// The reachability half of a server's state machine: a probe that fails makes the server Suspect at once and Failed
/// after <c>failover-falsepositive-ping-counter</c> consecutive failures; a refused login makes it ErrorAuth. A probe
/// that succeeds resets the count and leaves the state to <see cref="TopologyAnalyzer"/> (the derived role).
/// </summary>
internal static class ServerHealth
{
    /// <summary>The server after a probe: observed facts and, for a failure, its Suspect, Failed or ErrorAuth state.</summary>
    public static ServerSnapshot Next(ServerSnapshot previous, ProbeResult result, int failedAfter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Reading is { } reading)
            return ServerSnapshots.FromReading(previous, reading, now);
        var observed = ServerSnapshots.FromFailure(previous, result, now);
        var reason = result.Reason ?? "no answer";
        if (result.Failure == ProbeFailure.AccessDenied)
            return observed with { State = ServerState.ErrorAuth, StateReason = reason };
        var failCount = previous.FailCount + 1;
        return failCount >= failedAfter
            ? observed with { State = ServerState.Failed, FailCount = failCount, StateReason = $"{failCount} failed probes: {reason}" }
            : observed with { State = ServerState.Suspect, FailCount = failCount, StateReason = reason };
    }
}
