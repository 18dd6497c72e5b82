namespace ReplicationManager.Server.Graphite;

internal static partial class GraphiteLog
{
    [LoggerMessage(6000, LogLevel.Information, "Embedded Graphite store in {Root} (retention {Retention}); carbon plaintext on {Host}:{Port} (TCP and UDP), pickle on port {PicklePort}, render API on /graphite/render")]
    public static partial void StoreReady(ILogger logger, string root, string retention, string host, int port, int picklePort);

    [LoggerMessage(6001, LogLevel.Warning, "Carbon data refused from {Peer}: {Reason} ({Refused} refused since start)")]
    public static partial void LineRefused(ILogger logger, string peer, string reason, long refused);

    [LoggerMessage(6002, LogLevel.Warning, "Metrics of cluster {Cluster} not sent to Graphite: {Reason}")]
    public static partial void FeedFailed(ILogger logger, string cluster, string reason);

    [LoggerMessage(6003, LogLevel.Error, "Carbon receiver on {Host}:{Port} cannot listen: {Reason}")]
    public static partial void ReceiverFailed(ILogger logger, string host, int port, string reason);
}
