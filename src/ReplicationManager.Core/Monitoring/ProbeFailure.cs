namespace ReplicationManager.Core.Monitoring;

/// <summary>Why a probe could not read a server.</summary>
internal enum ProbeFailure
{
    /// <summary>The probe read the server.</summary>
    None,

    /// <summary>Nothing listens, or the host is unreachable: the server is down.</summary>
    ConnectRefused,

    /// <summary>Connecting or a query took longer than its timeout.</summary>
    Timeout,

    /// <summary>The server refused repman's credentials (1045).</summary>
    AccessDenied,

    /// <summary>The main port refused with 1040 and no extra port could take over.</summary>
    TooManyConnections,

    /// <summary>The connection broke, or the server answered a monitoring query with an error.</summary>
    ConnectionLost,
}
