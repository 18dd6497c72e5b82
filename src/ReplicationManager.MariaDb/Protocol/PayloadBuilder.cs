using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ReplicationManager.MariaDb.Io;

namespace ReplicationManager.MariaDb.Protocol;

/// <summary>
/// Builds one outgoing payload in a pooled buffer, leaving room for the 4-byte packet header in front so that the
/// framing can send it without copying.
/// </summary>
internal sealed class PayloadBuilder : IBufferWriter<byte>, IDisposable
{
    public const int HeaderLength = 4;
    private const int DefaultCapacity = 16 * 1024;
    private const int LargestKept = 1 << 20;

    private byte[] _buffer = ByteBuffers.Rent(DefaultCapacity);
    private int _length = HeaderLength;

    /// <summary>The buffer, header room included: the payload is <c>Buffer[4..Length]</c>.</summary>
    public byte[] Buffer => _buffer;

    public int Length => _length;

    public int PayloadLength => _length - HeaderLength;

    public void Reset()
    {
        if (_buffer.Length > LargestKept)
        {
            ByteBuffers.Return(_buffer);
            _buffer = ByteBuffers.Rent(DefaultCapacity);
        }
        _length = HeaderLength;
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_length);
    }

    public void WriteByte(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(GetSpan(2), value);
        _length += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(GetSpan(4), value);
        _length += 4;
    }

    public void WriteZeros(int count)
    {
        GetSpan(count)[..count].Clear();
        _length += count;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    public void WriteLengthEncodedInteger(ulong value)
    {
        switch (value)
        {
            case < 0xFB:
                WriteByte((byte)value);
                break;
            case <= 0xFFFF:
                WriteByte(0xFC);
                WriteUInt16((ushort)value);
                break;
            case <= 0xFFFFFF:
                WriteByte(0xFD);
                WriteUInt16((ushort)value);
                WriteByte((byte)(value >> 16));
                break;
            default:
                WriteByte(0xFE);
                BinaryPrimitives.WriteUInt64LittleEndian(GetSpan(8), value);
                _length += 8;
                break;
        }
    }

    public void WriteLengthEncodedBytes(ReadOnlySpan<byte> bytes)
    {
        WriteLengthEncodedInteger((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    public void WriteLengthEncodedString(string value)
    {
        WriteLengthEncodedInteger((ulong)Encoding.UTF8.GetByteCount(value));
        WriteUtf8(value);
    }

    public void WriteUtf8(string value)
    {
        var size = value.Length <= 1024 ? Encoding.UTF8.GetMaxByteCount(value.Length) : Encoding.UTF8.GetByteCount(value);
        var written = Encoding.UTF8.GetBytes(value, GetSpan(size));
        _length += written;
    }

    public void WriteNullTerminatedUtf8(string value)
    {
        WriteUtf8(value);
        WriteByte(0);
    }

    public void Dispose() => ByteBuffers.Return(_buffer);

    private void Reserve(int sizeHint)
    {
        var needed = (long)_length + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            if (needed > Array.MaxLength)
                throw new InvalidOperationException("a statement cannot exceed 2 GB");
            _buffer = ByteBuffers.Grow(_buffer, _length, (int)needed);
        }
    }
}
