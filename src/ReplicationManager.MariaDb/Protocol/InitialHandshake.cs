namespace ReplicationManager.MariaDb.Protocol;

/// <summary>The server's first packet (protocol version 10): version, connection id, capabilities and the scramble.</summary>
internal sealed record InitialHandshake(
    string ServerVersion,
    uint ConnectionId,
    MariaDbCapabilities Capabilities,
    byte CharacterSet,
    MariaDbServerStatus Status,
    byte[] Scramble,
    string AuthenticationPlugin)
{
    private const byte ProtocolVersion = 10;

    /// <summary>True when the server cleared CLIENT_MYSQL and so speaks MariaDB's extended capabilities.</summary>
    public bool HasMariaDbCapabilities => (Capabilities & MariaDbCapabilities.ClientMySql) == 0;

    public static InitialHandshake Read(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var protocol = reader.ReadByte();
        if (protocol != ProtocolVersion)
            throw ProtocolErrors.Unexpected($"handshake protocol version {protocol}; only version 10 is supported");
        var version = reader.ReadNullTerminatedString();
        var connectionId = reader.ReadUInt32();
        var scramble1 = reader.ReadBytes(8);
        reader.Skip(1);
        var capabilities = (MariaDbCapabilities)reader.ReadUInt16();
        if (reader.IsAtEnd)
            return new(version, connectionId, capabilities, 0, MariaDbServerStatus.None, scramble1.ToArray(), "");
        var characterSet = reader.ReadByte();
        var status = (MariaDbServerStatus)reader.ReadUInt16();
        capabilities |= (MariaDbCapabilities)((ulong)reader.ReadUInt16() << 16);
        var authDataLength = reader.ReadByte();
        reader.Skip(6);
        var extended = reader.ReadUInt32();
        if ((capabilities & MariaDbCapabilities.ClientMySql) == 0)
            capabilities |= (MariaDbCapabilities)((ulong)extended << 32);
        var scramble = scramble1.ToArray();
        if ((capabilities & MariaDbCapabilities.SecureConnection) != 0)
        {
            // The second part is at least 13 bytes, the last of which is a NUL that is not part of the scramble.
            var length = Math.Max(13, authDataLength - 8);
            var scramble2 = reader.ReadBytes(Math.Min(length, reader.Remaining));
            if (scramble2.Length > 0 && scramble2[^1] == 0)
                scramble2 = scramble2[..^1];
            scramble = [.. scramble1, .. scramble2];
        }
        var plugin = (capabilities & MariaDbCapabilities.PluginAuth) != 0 && !reader.IsAtEnd
            ? ReadPluginName(ref reader)
            : "";
        return new(version, connectionId, capabilities, characterSet, status, scramble, plugin);
    }

    private static string ReadPluginName(ref PayloadReader reader)
    {
        // Some servers omit the terminating NUL of the last field.
        var rest = reader.ReadToEnd();
        var end = rest.IndexOf((byte)0);
        return System.Text.Encoding.ASCII.GetString(end >= 0 ? rest[..end] : rest);
    }
}
