namespace ReplicationManager.MariaDb;

/// <summary>
/// A failure reported by the client. Thrown as is for a server ERR packet (then <see cref="ErrorCode"/> and
/// <see cref="SqlState"/> hold the server's error number and SQLSTATE, and the connection stays usable); the derived
/// <see cref="MariaDbConnectionException"/> and <see cref="MariaDbTimeoutException"/> mean the connection is lost.
/// </summary>
public class MariaDbException : Exception
{
    public MariaDbException()
    {
    }

    public MariaDbException(string message)
        : base(message)
    {
    }

    public MariaDbException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MariaDbException(string message, int errorCode, string? sqlState)
        : base(message)
    {
        ErrorCode = errorCode;
        SqlState = sqlState;
    }

    public MariaDbException(string message, int errorCode, string? sqlState, string? serverMessage)
        : this(message, errorCode, sqlState)
    {
        ServerMessage = serverMessage;
    }

    /// <summary>The server's own text of a server error (the message adds where it came from), or null.</summary>
    public string? ServerMessage { get; }

    /// <summary>The server's error number (see <see cref="MariaDbErrorCodes"/>), or 0 for a client-side failure.</summary>
    public int ErrorCode { get; }

    /// <summary>The five-character SQLSTATE of a server error (for example <c>42S02</c>), or null.</summary>
    public string? SqlState { get; }

    /// <summary>True when the server sent this error; the connection is then still usable.</summary>
    public bool IsServerError => ErrorCode != 0;
}
