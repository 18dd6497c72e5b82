using System.Buffers.Binary;
using System.Text;

namespace ReplicationManager.Core.Tests.MariaDb;

/// <summary>
/// The fake server's own little payload reader, written apart from the client's so that a bug in one does not hide
/// the same bug in the other.
/// </summary>
internal sealed class PayloadReaderCopy(byte[] payload)
{
    private int _position;

    public uint UInt32()
    {
        var value = BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(_position));
        _position += 4;
        return value;
    }

    public void Skip(int count) => _position += count;

    public string NullTerminated()
    {
        var end = Array.IndexOf(payload, (byte)0, _position);
        var text = Encoding.UTF8.GetString(payload, _position, end - _position);
        _position = end + 1;
        return text;
    }

    public byte[] LengthEncodedBytes()
    {
        int length = payload[_position++];
        if (length == 0xFC)
        {
            length = BinaryPrimitives.ReadUInt16LittleEndian(payload.AsSpan(_position));
            _position += 2;
        }
        var bytes = payload.AsSpan(_position, length).ToArray();
        _position += length;
        return bytes;
    }
}
