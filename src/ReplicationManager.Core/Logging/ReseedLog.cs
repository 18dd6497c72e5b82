using Microsoft.Extensions.Logging;

namespace ReplicationManager.Core.Logging;

/// <summary>Reseed log lines (event ids 4000-4099).</summary>
internal static partial class ReseedLog
{
    [LoggerMessage(EventIds.ReseedStarted, LogLevel.Warning, "Cluster {Cluster}: reseed of {Joiner} started (job {JobId}): {Plan}")]
    public static partial void Started(ILogger logger, string cluster, string joiner, long jobId, string plan);

    [LoggerMessage(EventIds.ReseedSending, LogLevel.Information, "Sending backup {Backup} to the joiner's SST port {Target} (cluster {Cluster}, job {JobId})")]
    public static partial void Sending(ILogger logger, string backup, string target, string cluster, long jobId);

    [LoggerMessage(EventIds.ReseedSent, LogLevel.Information, "Sent {Bytes} bytes to the joiner's SST port {Target} (cluster {Cluster}, job {JobId})")]
    public static partial void Sent(ILogger logger, long bytes, string target, string cluster, long jobId);

    [LoggerMessage(EventIds.ReseedSendFailed, LogLevel.Error, "Sending to the joiner's SST port {Target} stopped after {Bytes} bytes (cluster {Cluster}, job {JobId}): {Reason}")]
    public static partial void SendFailed(ILogger logger, string target, string cluster, long jobId, long bytes, string reason);
}
