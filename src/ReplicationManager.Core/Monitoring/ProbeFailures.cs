using System.Net.Sockets;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Monitoring;

/// <summary>Names what went wrong in a probe, in the few words a state change line shows.</summary>
internal static class ProbeFailures
{
    public static (ProbeFailure Failure, string Reason) Classify(MariaDbException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            { ErrorCode: MariaDbErrorCodes.AccessDenied } => (ProbeFailure.AccessDenied, "access denied (1045)"),
            { ErrorCode: MariaDbErrorCodes.TooManyConnections } => (ProbeFailure.TooManyConnections, exception.Message),
            MariaDbTimeoutException timeout => (ProbeFailure.Timeout, $"timeout after {timeout.Timeout.TotalSeconds:0.###} s ({timeout.Phase})"),
            MariaDbConnectionException when Socket(exception) is { SocketErrorCode: SocketError.ConnectionRefused } => (ProbeFailure.ConnectRefused, "connect refused"),
            MariaDbConnectionException when Socket(exception) is { } socket => (ProbeFailure.ConnectRefused, $"connect failed: {socket.Message}"),
            MariaDbConnectionException => (ProbeFailure.ConnectionLost, exception.Message),
            { IsServerError: true } => (ProbeFailure.ConnectionLost, $"error {exception.ErrorCode}: {exception.Message}"),
            _ => (ProbeFailure.ConnectionLost, exception.Message),
        };
    }

    private static SocketException? Socket(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
                return socket;
        }
        return null;
    }
}
