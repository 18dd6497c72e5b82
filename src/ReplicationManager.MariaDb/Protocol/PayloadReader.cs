using System.Buffers.Binary;
using System.Text;

namespace ReplicationManager.MariaDb.Protocol;

/// <summary>Reads the little-endian integers and strings of one packet payload; running past the end is a protocol error.</summary>
internal ref struct PayloadReader(ReadOnlySpan<byte> payload)
{
    private readonly ReadOnlySpan<byte> _payload = payload;
    private int _position;

    public readonly int Position => _position;

    public readonly int Remaining => _payload.Length - _position;

    public readonly bool IsAtEnd => _position >= _payload.Length;

    public readonly byte PeekByte() => Remaining > 0 ? _payload[_position] : throw Truncated();

    public byte ReadByte() => ReadBytes(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2));

    public uint ReadUInt24()
    {
        var bytes = ReadBytes(3);
        return (uint)(bytes[0] | bytes[1] << 8 | bytes[2] << 16);
    }

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    public ulong ReadLengthEncodedInteger()
    {
        var first = ReadByte();
        return first switch
        {
            < 0xFB => first,
            0xFC => ReadUInt16(),
            0xFD => ReadUInt24(),
            0xFE => ReadUInt64(),
            _ => throw ProtocolErrors.Malformed($"0x{first:X2} is not a length-encoded integer"),
        };
    }

    public ReadOnlySpan<byte> ReadLengthEncodedBytes()
    {
        var length = ReadLengthEncodedInteger();
        return length <= (ulong)Remaining ? ReadBytes((int)length) : throw Truncated();
    }

    public string ReadLengthEncodedString() => Encoding.UTF8.GetString(ReadLengthEncodedBytes());

    public ReadOnlySpan<byte> ReadNullTerminated()
    {
        var end = _payload[_position..].IndexOf((byte)0);
        if (end < 0)
            throw ProtocolErrors.Malformed("missing NUL terminator");
        var value = _payload.Slice(_position, end);
        _position += end + 1;
        return value;
    }

    public string ReadNullTerminatedString() => Encoding.UTF8.GetString(ReadNullTerminated());

    public ReadOnlySpan<byte> ReadToEnd()
    {
        var rest = _payload[_position..];
        _position = _payload.Length;
        return rest;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count > Remaining)
            throw Truncated();
        var bytes = _payload.Slice(_position, count);
        _position += count;
        return bytes;
    }

    public void Skip(int count) => ReadBytes(count);

    private readonly MariaDbConnectionException Truncated() =>
        ProtocolErrors.Malformed($"payload of {_payload.Length} bytes ends early at byte {_position}");
}
