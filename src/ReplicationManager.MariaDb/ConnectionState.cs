namespace ReplicationManager.MariaDb;

/// <summary>The life of a <see cref="MariaDbConnection"/>; transitions are atomic so that misuse is caught, not raced.</summary>
internal enum ConnectionState
{
    /// <summary>Idle and healthy: a command may start.</summary>
    Ready,

    /// <summary>A command runs, or a data reader is open.</summary>
    Busy,

    /// <summary>The protocol state is unknown (timeout, cancellation, lost connection); the socket is closed.</summary>
    Broken,

    /// <summary>Disposed.</summary>
    Closed,
}
