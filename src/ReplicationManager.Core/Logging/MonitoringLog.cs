using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Logging;

/// <summary>The monitoring loop's log lines (event ids 1000-1999). Information is for what an operator must see.</summary>
internal static partial class MonitoringLog
{
    private static readonly Func<ILogger, string, IDisposable?> ClusterScope = LoggerMessage.DefineScope<string>("Cluster {Cluster}");

    public static IDisposable? BeginClusterScope(ILogger logger, string cluster) => ClusterScope(logger, cluster);

    [LoggerMessage(EventIds.MonitoringStarted, LogLevel.Information,
        "Monitoring {Cluster}: {ServerCount} server(s) every {Ticker}, Failed after {FailCount} failed probe(s)")]
    public static partial void MonitoringStarted(ILogger logger, string cluster, int serverCount, TimeSpan ticker, int failCount);

    [LoggerMessage(EventIds.MonitoringStopped, LogLevel.Information, "Monitoring {Cluster} stopped")]
    public static partial void MonitoringStopped(ILogger logger, string cluster);

    [LoggerMessage(EventIds.ServerFound, LogLevel.Information,
        "Server {Server} of {Cluster}: {State}, {Version} ({Flavor}), server_id {ServerId}{Detail}")]
    public static partial void ServerFound(ILogger logger, ServerAddress server, string cluster, string state, string version,
        ServerFlavor flavor, long? serverId, string detail);

    [LoggerMessage(EventIds.ServerStateChanged, LogLevel.Information, "Server {Server} of {Cluster}: {Previous} -> {Current} ({Reason})")]
    public static partial void ServerStateChanged(ILogger logger, ServerAddress server, string cluster, string previous, string current, string reason);

    [LoggerMessage(EventIds.PrimaryChanged, LogLevel.Information, "Cluster {Cluster}: primary {Primary}, replicas {Replicas}")]
    public static partial void PrimaryChanged(ILogger logger, string cluster, string primary, string replicas);

    [LoggerMessage(EventIds.TopologyProblemFound, LogLevel.Warning, "Cluster {Cluster}: {Code}: {Problem}")]
    public static partial void TopologyProblemFound(ILogger logger, string cluster, TopologyProblemCode code, string problem);

    [LoggerMessage(EventIds.TopologyProblemResolved, LogLevel.Information, "Cluster {Cluster}: resolved {Code}: {Problem}")]
    public static partial void TopologyProblemResolved(ILogger logger, string cluster, TopologyProblemCode code, string problem);

    [LoggerMessage(EventIds.ExtraPortEntered, LogLevel.Warning,
        "Server {Server} of {Cluster}: monitoring through extra_port {ExtraPort}: {Reason}")]
    public static partial void ExtraPortEntered(ILogger logger, ServerAddress server, string cluster, int extraPort, string reason);

    [LoggerMessage(EventIds.ExtraPortLeft, LogLevel.Information,
        "Server {Server} of {Cluster}: main port accepts again, monitoring through {Port} (left extra_port)")]
    public static partial void ExtraPortLeft(ILogger logger, ServerAddress server, string cluster, int port);

    [LoggerMessage(EventIds.ServerProbed, LogLevel.Debug, "Probed {Server} through port {Port} in {ElapsedMs:F1} ms")]
    public static partial void ServerProbed(ILogger logger, ServerAddress server, int port, double elapsedMs);

    [LoggerMessage(EventIds.ServerProbeFailed, LogLevel.Debug, "Probe of {Server} failed after {ElapsedMs:F1} ms: {Reason}")]
    public static partial void ServerProbeFailed(ILogger logger, ServerAddress server, double elapsedMs, string reason);

    [LoggerMessage(EventIds.MonitoringTick, LogLevel.Debug, "Tick {Tick} of {Cluster}: {ServerCount} server(s) in {ElapsedMs:F1} ms")]
    public static partial void MonitoringTick(ILogger logger, long tick, string cluster, int serverCount, double elapsedMs);

    [LoggerMessage(EventIds.MonitoringTickFailed, LogLevel.Error, "Monitoring tick of {Cluster} failed")]
    public static partial void MonitoringTickFailed(ILogger logger, string cluster, Exception exception);

    [LoggerMessage(EventIds.ServerStateSaved, LogLevel.Debug, "Saved the state of {Server} to {Path}")]
    public static partial void ServerStateSaved(ILogger logger, ServerAddress server, string path);

    [LoggerMessage(EventIds.ServerStateSaveFailed, LogLevel.Warning, "Could not save the state of {Server} to {Path}")]
    public static partial void ServerStateSaveFailed(ILogger logger, ServerAddress server, string path, Exception exception);

    [LoggerMessage(EventIds.SavedStateLoaded, LogLevel.Information,
        "Cluster {Cluster}: last known state of {Count} server(s) loaded from {Directory} (shown until the first probe)")]
    public static partial void SavedStateLoaded(ILogger logger, string cluster, int count, string directory);

    [LoggerMessage(EventIds.SavedStateUnreadable, LogLevel.Warning, "Saved state {Path} is unreadable and was ignored")]
    public static partial void SavedStateUnreadable(ILogger logger, string path, Exception exception);
}
