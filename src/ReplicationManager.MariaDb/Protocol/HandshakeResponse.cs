namespace ReplicationManager.MariaDb.Protocol;

/// <summary>The client's answer to the initial handshake, and its first 32 bytes alone as the SSLRequest packet.</summary>
internal static class HandshakeResponse
{
    /// <summary>utf8mb4_general_ci: the session's strings are UTF-8, which the escaping of parameters relies on.</summary>
    public const byte Utf8Mb4GeneralCi = 45;
    private const uint MaxPacketSize = 1 << 30;

    private static readonly string ClientVersion =
        typeof(HandshakeResponse).Assembly.GetName().Version?.ToString() ?? "0";

    public static void WriteSslRequest(PayloadBuilder payload, MariaDbCapabilities capabilities, bool serverHasMariaDbCapabilities)
    {
        payload.WriteUInt32((uint)capabilities);
        payload.WriteUInt32(MaxPacketSize);
        payload.WriteByte(Utf8Mb4GeneralCi);
        payload.WriteZeros(19);
        payload.WriteUInt32(serverHasMariaDbCapabilities ? (uint)((ulong)capabilities >> 32) : 0);
    }

    public static void Write(
        PayloadBuilder payload,
        MariaDbCapabilities capabilities,
        bool serverHasMariaDbCapabilities,
        MariaDbConnectOptions options,
        string plugin,
        ReadOnlySpan<byte> authResponse)
    {
        WriteSslRequest(payload, capabilities, serverHasMariaDbCapabilities);
        payload.WriteNullTerminatedUtf8(options.User);
        if ((capabilities & MariaDbCapabilities.PluginAuthLengthEncodedClientData) != 0)
        {
            payload.WriteLengthEncodedBytes(authResponse);
        }
        else
        {
            payload.WriteByte((byte)authResponse.Length);
            payload.WriteBytes(authResponse);
        }
        if ((capabilities & MariaDbCapabilities.ConnectWithDatabase) != 0)
            payload.WriteNullTerminatedUtf8(options.Database!);
        payload.WriteNullTerminatedUtf8(plugin);
        if ((capabilities & MariaDbCapabilities.ConnectAttributes) != 0)
            WriteAttributes(payload, options.ApplicationName);
    }

    private static void WriteAttributes(PayloadBuilder payload, string applicationName)
    {
        using var attributes = new PayloadBuilder();
        foreach (var (key, value) in (ReadOnlySpan<(string, string)>)
                [
                    ("_client_name", "repman"),
                    ("_client_version", ClientVersion),
                    ("_os", Environment.OSVersion.Platform.ToString()),
                    ("_pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("program_name", applicationName),
            ])
        {
            attributes.WriteLengthEncodedString(key);
            attributes.WriteLengthEncodedString(value);
        }
        payload.WriteLengthEncodedBytes(attributes.Buffer.AsSpan(PayloadBuilder.HeaderLength, attributes.PayloadLength));
    }
}
