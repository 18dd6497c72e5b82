using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Failover;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Logging;

/// <summary>Switchover, failover, rejoin and proxy log lines (event ids 2000-2999): every step with its duration.</summary>
internal static partial class FailoverLog
{
    [LoggerMessage(EventIds.PrimaryChangeStarted, LogLevel.Warning, "Cluster {Cluster}: {Kind} from {OldPrimary} to {Candidate} started ({Steps} steps)")]
    public static partial void Started(ILogger logger, string cluster, PrimaryChangeKind kind, ServerAddress? oldPrimary, ServerAddress? candidate, int steps);

    [LoggerMessage(EventIds.PrimaryChangeStep, LogLevel.Information, "Cluster {Cluster}: {Action} {Server}: {Outcome} in {Milliseconds:0} ms")]
    public static partial void Step(ILogger logger, string cluster, StepAction action, ServerAddress? server, string outcome, double milliseconds);

    [LoggerMessage(EventIds.PrimaryChangeFailed, LogLevel.Error, "Cluster {Cluster}: {Kind} failed at {Action} {Server}: {Reason}")]
    public static partial void Failed(ILogger logger, string cluster, PrimaryChangeKind kind, StepAction action, ServerAddress? server, string reason);

    [LoggerMessage(EventIds.PrimaryChangeUndone, LogLevel.Warning, "Cluster {Cluster}: undone: {What}")]
    public static partial void Undone(ILogger logger, string cluster, string what);

    [LoggerMessage(EventIds.UndoStepFailed, LogLevel.Error, "Cluster {Cluster}: could not undo {What}: {Reason}")]
    public static partial void UndoFailed(ILogger logger, string cluster, string what, string reason);

    [LoggerMessage(EventIds.PrimaryChangeDone, LogLevel.Warning, "Cluster {Cluster}: {Kind} done: {Candidate} is the primary (was {OldPrimary}), {Milliseconds:0} ms")]
    public static partial void Done(ILogger logger, string cluster, PrimaryChangeKind kind, ServerAddress? candidate, ServerAddress? oldPrimary, double milliseconds);

    [LoggerMessage(EventIds.FailoverGate, LogLevel.Warning, "Cluster {Cluster}: {Reason}")]
    public static partial void Gate(ILogger logger, string cluster, string reason);

    [LoggerMessage(EventIds.FailoverVetoed, LogLevel.Warning, "Cluster {Cluster}: failover vetoed, the primary {Primary} looks alive: {Evidence}")]
    public static partial void Vetoed(ILogger logger, string cluster, ServerAddress? primary, string evidence);

    [LoggerMessage(EventIds.ServerRejoined, LogLevel.Warning, "Cluster {Cluster}: {Server} rejoined as a replica of {Source} (from GTID {Position})")]
    public static partial void Rejoined(ILogger logger, string cluster, ServerAddress server, ServerAddress source, string position);

    [LoggerMessage(EventIds.ServerRejoinFailed, LogLevel.Error, "Cluster {Cluster}: {Server} cannot rejoin {Source}: {Reason}")]
    public static partial void RejoinFailed(ILogger logger, string cluster, ServerAddress server, ServerAddress source, string reason);

    [LoggerMessage(EventIds.ProxyRerouted, LogLevel.Information, "Cluster {Cluster}: {Proxy}: writes to {Writer}, reads to {Readers}")]
    public static partial void Rerouted(ILogger logger, string cluster, string proxy, string writer, string readers);

    [LoggerMessage(EventIds.ProxyRerouteFailed, LogLevel.Error, "Cluster {Cluster}: {Proxy} could not be rerouted: {Reason}")]
    public static partial void RerouteFailed(ILogger logger, string cluster, string proxy, string reason);

    [LoggerMessage(EventIds.InterruptedChangeRepaired, LogLevel.Warning, "Cluster {Cluster}: a {Kind} interrupted by a stop was repaired: {What}")]
    public static partial void Repaired(ILogger logger, string cluster, PrimaryChangeKind kind, string what);
}
