namespace ReplicationManager.MariaDb;

/// <summary>
/// The connection could not be made or was lost: refused, reset, closed by the server, a TLS failure, an
/// authentication method the client cannot perform, or a protocol violation. The connection is broken afterwards.
/// </summary>
public sealed class MariaDbConnectionException : MariaDbException
{
    public MariaDbConnectionException()
    {
    }

    public MariaDbConnectionException(string message)
        : base(message)
    {
    }

    public MariaDbConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
