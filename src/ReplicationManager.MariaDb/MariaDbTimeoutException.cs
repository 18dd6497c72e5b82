namespace ReplicationManager.MariaDb;

/// <summary>
/// A deadline (ConnectTimeout or CommandTimeout) ran out; the message names the phase, the endpoint and the timeout,
/// for example "connect to 127.0.0.11:3306 timed out after 2s". The connection is broken afterwards.
/// </summary>
public sealed class MariaDbTimeoutException : MariaDbException
{
    public MariaDbTimeoutException()
    {
    }

    public MariaDbTimeoutException(string message)
        : base(message)
    {
    }

    public MariaDbTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal MariaDbTimeoutException(string message, string phase, TimeSpan timeout, Exception? innerException)
        : base(message, innerException)
    {
        Phase = phase;
        Timeout = timeout;
    }

    /// <summary>The phase that timed out: Connect, Query, Read, Ping or Quit.</summary>
    public string Phase { get; } = "";

    /// <summary>The timeout that ran out.</summary>
    public TimeSpan Timeout { get; }
}
