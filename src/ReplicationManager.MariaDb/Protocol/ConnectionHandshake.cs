using ReplicationManager.MariaDb.Authentication;
using ReplicationManager.MariaDb.Io;

namespace ReplicationManager.MariaDb.Protocol;

/// <summary>
/// The connection phase: read the server's handshake (or its refusal), agree on capabilities, upgrade to TLS when
/// wanted, answer with the credentials and run the authentication exchange.
/// </summary>
internal static class ConnectionHandshake
{
    private const MariaDbCapabilities Wanted =
        MariaDbCapabilities.ClientMySql | MariaDbCapabilities.LongFlag | MariaDbCapabilities.Protocol41
        | MariaDbCapabilities.Transactions | MariaDbCapabilities.SecureConnection | MariaDbCapabilities.MultiStatements
        | MariaDbCapabilities.MultiResults | MariaDbCapabilities.PreparedStatementMultiResults | MariaDbCapabilities.PluginAuth
        | MariaDbCapabilities.ConnectAttributes | MariaDbCapabilities.PluginAuthLengthEncodedClientData
        | MariaDbCapabilities.MariaDbExtendedMetadata;

    public static async Task<(MariaDbServerInfo Info, MariaDbServerStatus Status)> RunAsync(
        PacketChannel channel, MariaDbConnectOptions options, Deadline deadline, CancellationToken cancellationToken)
    {
        channel.ResetSequence();
        var first = await channel.ReadAsync(deadline, cancellationToken);
        if (first.Span.Length > 0 && first.Span[0] == ErrorPacket.Header)
            throw ErrorPacket.Read(first.Span, channel.Endpoint);
        var handshake = InitialHandshake.Read(first.Span);
        if ((handshake.Capabilities & MariaDbCapabilities.Protocol41) == 0)
            throw new MariaDbConnectionException($"{channel.Endpoint} does not speak protocol 4.1 (server {handshake.ServerVersion})");
        var useTls = DecideTls(options.Tls, handshake, channel.Endpoint);
        var capabilities = Negotiate(handshake, options, useTls);
        if (useTls)
        {
            HandshakeResponse.WriteSslRequest(channel.StartPayload(), capabilities, handshake.HasMariaDbCapabilities);
            await channel.SendAsync(deadline, cancellationToken);
            await TlsNegotiator.UpgradeAsync(channel.Transport, options.Tls, options.Host, deadline, cancellationToken);
        }
        var plugin = Authenticator.FirstPlugin(handshake);
        var response = Authenticator.Respond(plugin, handshake.Scramble, options.Password, useTls, channel.Endpoint);
        HandshakeResponse.Write(channel.StartPayload(), capabilities, handshake.HasMariaDbCapabilities, options, plugin, response);
        await channel.SendAsync(deadline, cancellationToken);
        var (finalPlugin, ok) = await Authenticator.CompleteAsync(
            channel, plugin, handshake.Scramble, options.Password, deadline, cancellationToken);
        var (versionString, version, isMariaDb) = MariaDbServerInfo.ParseVersion(handshake.ServerVersion, handshake.HasMariaDbCapabilities);
        var info = new MariaDbServerInfo(
            channel.Endpoint, versionString, version, isMariaDb, handshake.ConnectionId, capabilities, finalPlugin, useTls);
        return (info, ok.Status);
    }

    private static bool DecideTls(MariaDbTlsOptions tls, InitialHandshake handshake, string endpoint)
    {
        var offered = (handshake.Capabilities & MariaDbCapabilities.Ssl) != 0;
        return tls.Mode switch
        {
            MariaDbTlsMode.Disabled => false,
            MariaDbTlsMode.Preferred => offered,
            _ => offered ? true : throw new MariaDbConnectionException(
                $"{endpoint} does not offer TLS, but the connection requires it (Tls.Mode = {tls.Mode})"),
        };
    }

    private static MariaDbCapabilities Negotiate(InitialHandshake handshake, MariaDbConnectOptions options, bool useTls)
    {
        var wanted = Wanted;
        if (options.UseDeprecateEof)
            wanted |= MariaDbCapabilities.DeprecateEof;
        if (!string.IsNullOrEmpty(options.Database))
            wanted |= MariaDbCapabilities.ConnectWithDatabase;
        if (useTls)
            wanted |= MariaDbCapabilities.Ssl;
        return wanted & handshake.Capabilities;
    }
}
