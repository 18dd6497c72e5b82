using System.Text;
using ReplicationManager.MariaDb.Io;
using ReplicationManager.MariaDb.Protocol;

namespace ReplicationManager.MariaDb.Authentication;

/// <summary>
/// The authentication exchange after the handshake response: OK, ERR, an auth switch request (0xFE: another plugin
/// and a fresh nonce) or more data for the current plugin (0x01).
/// </summary>
internal static class Authenticator
{
    public const string ClearPasswordPlugin = "mysql_clear_password";
    private const byte AuthSwitchRequest = 0xFE;
    private const byte MoreData = 0x01;

    /// <summary>The plugin to name in the handshake response: the server's default when supported, else native.</summary>
    public static string FirstPlugin(InitialHandshake handshake) =>
        handshake.AuthenticationPlugin == CachingSha2Password.PluginName ? CachingSha2Password.PluginName : NativePassword.PluginName;

    public static byte[] Respond(string plugin, ReadOnlySpan<byte> nonce, string password, bool isTls, string endpoint) => plugin switch
    {
        NativePassword.PluginName => NativePassword.Scramble(password, nonce),
        CachingSha2Password.PluginName => CachingSha2Password.Scramble(password, nonce),
        ClearPasswordPlugin when isTls => CachingSha2Password.NullTerminated(password),
        ClearPasswordPlugin => throw new MariaDbConnectionException(
            $"{endpoint} asks for the {ClearPasswordPlugin} authentication plugin, which would send the password unencrypted; use TLS"),
        _ => throw new MariaDbConnectionException(
            $"{endpoint} asks for the authentication plugin '{plugin}', which this client does not support " +
            $"(it supports {NativePassword.PluginName}, {CachingSha2Password.PluginName} and {ClearPasswordPlugin} over TLS)"),
    };

    /// <summary>Runs the exchange to its end; returns the plugin that succeeded and the final OK packet.</summary>
    public static async Task<(string Plugin, OkPacket Ok)> CompleteAsync(
        PacketChannel channel, string plugin, byte[] nonce, string password, Deadline deadline, CancellationToken cancellationToken)
    {
        var isTls = channel.Transport.Tls is not null;
        while (true)
        {
            var payload = await channel.ReadAsync(deadline, cancellationToken);
            if (payload.IsEmpty)
                throw ProtocolErrors.Malformed("an empty packet during authentication");
            switch (payload.Span[0])
            {
                case OkPacket.Header:
                    return (plugin, OkPacket.Read(payload.Span));
                case ErrorPacket.Header:
                    throw ErrorPacket.Read(payload.Span, channel.Endpoint);
                case AuthSwitchRequest:
                    (plugin, nonce) = ReadAuthSwitch(payload.Span, channel.Endpoint);
                    await SendAsync(channel, Respond(plugin, nonce, password, isTls, channel.Endpoint), deadline, cancellationToken);
                    break;
                case MoreData when plugin == CachingSha2Password.PluginName:
                    if (ContinueCachingSha2(payload.Span[1..], password, nonce, isTls) is { } reply)
                        await SendAsync(channel, reply, deadline, cancellationToken);
                    break;
                default:
                    throw ProtocolErrors.Unexpected($"authentication packet 0x{payload.Span[0]:X2} during {plugin}");
            }
        }
    }

    private static (string Plugin, byte[] Nonce) ReadAuthSwitch(ReadOnlySpan<byte> payload, string endpoint)
    {
        if (payload.Length == 1)
            throw new MariaDbConnectionException($"{endpoint} asks for the pre-4.1 password hashing, which this client does not support");
        var reader = new PayloadReader(payload[1..]);
        var plugin = reader.ReadNullTerminatedString();
        var nonce = reader.ReadToEnd();
        if (nonce.Length > 0 && nonce[^1] == 0)
            nonce = nonce[..^1];
        return (plugin, nonce.ToArray());
    }

    /// <summary>The reply to a caching_sha2_password more-data packet, or null when the server has more to say.</summary>
    private static byte[]? ContinueCachingSha2(ReadOnlySpan<byte> data, string password, byte[] nonce, bool isTls)
    {
        if (data.Length == 1 && data[0] == CachingSha2Password.FastAuthSucceeded)
            return null;
        if (data.Length == 1 && data[0] == CachingSha2Password.FullAuthRequired)
            return isTls ? CachingSha2Password.NullTerminated(password) : [CachingSha2Password.RequestPublicKey];
        return CachingSha2Password.Encrypt(password, nonce, Encoding.ASCII.GetString(data));
    }

    private static async Task SendAsync(PacketChannel channel, byte[] data, Deadline deadline, CancellationToken cancellationToken)
    {
        channel.StartPayload().WriteBytes(data);
        await channel.SendAsync(deadline, cancellationToken);
    }
}
