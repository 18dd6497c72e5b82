namespace ReplicationManager.MariaDb.Io;

/// <summary>What the client was doing when a deadline ran out; names the phase in timeout messages.</summary>
internal enum IoOperation
{
    /// <summary>Opening the socket, TLS and authentication: bounded by ConnectTimeout.</summary>
    Connect,

    /// <summary>Sending a statement and waiting for its first response: bounded by CommandTimeout.</summary>
    Query,

    /// <summary>Reading further rows or result sets of a statement: each read bounded by CommandTimeout.</summary>
    Read,

    /// <summary>A COM_PING round trip: bounded by CommandTimeout.</summary>
    Ping,

    /// <summary>Saying goodbye with COM_QUIT on dispose.</summary>
    Quit,
}
