namespace ReplicationManager.MariaDb;

/// <summary>What the server said about itself in the handshake, and what the two sides agreed on.</summary>
/// <param name="Endpoint">Host and port as connected, for example <c>127.0.0.11:3306</c>.</param>
/// <param name="VersionString">The version text without MariaDB's replication prefix <c>5.5.5-</c>, for example <c>10.11.19-MariaDB-0+deb12u1</c>.</param>
/// <param name="Version">The numeric part of the version, for example 10.11.19.</param>
/// <param name="IsMariaDb">MariaDB rather than MySQL (or a MySQL fork).</param>
/// <param name="ConnectionId">The server's id for this session (as in KILL and the processlist).</param>
/// <param name="Capabilities">The capabilities both sides support and the client asked for.</param>
/// <param name="AuthenticationPlugin">The authentication plugin that admitted the client.</param>
/// <param name="IsTls">The session runs over TLS.</param>
public sealed record MariaDbServerInfo(
    string Endpoint,
    string VersionString,
    Version Version,
    bool IsMariaDb,
    long ConnectionId,
    MariaDbCapabilities Capabilities,
    string AuthenticationPlugin,
    bool IsTls)
{
    private const string ReplicationPrefix = "5.5.5-";

    /// <summary>Strips MariaDB's <c>5.5.5-</c> prefix, which old replication code needed, and reads the numeric version.</summary>
    internal static (string VersionString, Version Version, bool IsMariaDb) ParseVersion(string raw, bool hasMariaDbCapabilities)
    {
        var text = raw.StartsWith(ReplicationPrefix, StringComparison.Ordinal) && raw.Length > ReplicationPrefix.Length
            && char.IsAsciiDigit(raw[ReplicationPrefix.Length])
            ? raw[ReplicationPrefix.Length..]
            : raw;
        Span<int> parts = stackalloc int[3];
        var count = 0;
        var position = 0;
        while (count < 3 && position < text.Length && char.IsAsciiDigit(text[position]))
        {
            var value = 0;
            while (position < text.Length && char.IsAsciiDigit(text[position]) && value < 100_000)
                value = value * 10 + (text[position++] - '0');
            parts[count++] = value;
            if (position < text.Length && text[position] == '.')
                position++;
            else
                break;
        }
        var version = new Version(parts[0], count > 1 ? parts[1] : 0, count > 2 ? parts[2] : 0);
        var isMariaDb = hasMariaDbCapabilities || text.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        return (text, version, isMariaDb);
    }
}
