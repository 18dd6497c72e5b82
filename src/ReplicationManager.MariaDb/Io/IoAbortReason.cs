namespace ReplicationManager.MariaDb.Io;

/// <summary>Why the <see cref="IoWatchdog"/> closed a stream.</summary>
internal enum IoAbortReason
{
    /// <summary>It did not.</summary>
    None,

    /// <summary>The deadline passed while a read or write was pending.</summary>
    Timeout,

    /// <summary>The caller cancelled while a read or write was pending.</summary>
    Cancelled,
}
