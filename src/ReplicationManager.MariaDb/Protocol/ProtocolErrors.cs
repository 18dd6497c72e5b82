namespace ReplicationManager.MariaDb.Protocol;

/// <summary>The server said something this client cannot make sense of; the connection cannot continue.</summary>
internal static class ProtocolErrors
{
    public static MariaDbConnectionException Malformed(string what) =>
        new($"malformed packet from the server: {what}");

    public static MariaDbConnectionException Unexpected(string what) =>
        new($"unexpected packet from the server: {what}");

    public static MariaDbConnectionException OutOfOrder(byte expected, byte actual) =>
        new($"packet out of order from the server: sequence id {actual}, expected {expected}");
}
