using System.Text;

namespace ReplicationManager.MariaDb.Protocol;

/// <summary>ERR packet: 0xFF, error code, an optional '#' and SQLSTATE (absent in early handshake errors), the message.</summary>
internal static class ErrorPacket
{
    public const byte Header = 0xFF;

    public static MariaDbException Read(ReadOnlySpan<byte> payload, string endpoint)
    {
        var reader = new PayloadReader(payload);
        if (reader.ReadByte() != Header)
            throw ProtocolErrors.Unexpected("expected an ERR packet");
        var code = reader.ReadUInt16();
        string? sqlState = null;
        if (reader.Remaining >= 6 && reader.PeekByte() == (byte)'#')
        {
            reader.Skip(1);
            sqlState = Encoding.ASCII.GetString(reader.ReadBytes(5));
        }
        var message = Encoding.UTF8.GetString(reader.ReadToEnd());
        return new MariaDbException($"{message} (error {code} from {endpoint})", code, sqlState, message);
    }
}
