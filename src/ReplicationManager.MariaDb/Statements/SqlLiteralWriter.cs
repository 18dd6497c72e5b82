using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace ReplicationManager.MariaDb.Statements;

/// <summary>
/// Writes each piece of a statement as UTF-8 query text: values as literals that the server reads back as exactly
/// that value, whatever their content. Strings are escaped for the session's mode: with backslash escapes, or (under
/// NO_BACKSLASH_ESCAPES) by doubling quotes only.
/// </summary>
internal static class SqlLiteralWriter
{
    private const int CharsPerChunk = 4096;
    private static readonly SearchValues<byte> NeedsBackslash = SearchValues.Create("\0\n\r\\'\"\u001A"u8);
    private static readonly SearchValues<byte> NeedsQuoteDoubling = SearchValues.Create("'"u8);

    public static void Write(IBufferWriter<byte> output, SqlValue value, bool noBackslashEscapes)
    {
        switch (value.Kind)
        {
            case SqlValueKind.Raw or SqlValueKind.Identifier:
                WriteUtf8(output, (string)value.Reference!);
                break;
            case SqlValueKind.Statement:
                ((SqlStatement)value.Reference!).WriteTo(output, noBackslashEscapes);
                break;
            case SqlValueKind.Null:
                output.Write("NULL"u8);
                break;
            case SqlValueKind.String:
                WriteString(output, (string)value.Reference!, noBackslashEscapes);
                break;
            case SqlValueKind.Bytes:
                WriteHex(output, (byte[])value.Reference!);
                break;
            case SqlValueKind.Boolean:
                output.Write(value.Bits != 0 ? "1"u8 : "0"u8);
                break;
            case SqlValueKind.Int64:
                WriteFormatted(output, value.Bits, default);
                break;
            case SqlValueKind.UInt64:
                WriteFormatted(output, unchecked((ulong)value.Bits), default);
                break;
            case SqlValueKind.Double:
                WriteFormatted(output, BitConverter.Int64BitsToDouble(value.Bits), "R");
                break;
            case SqlValueKind.Single:
                WriteFormatted(output, BitConverter.Int32BitsToSingle((int)value.Bits), "R");
                break;
            case SqlValueKind.Decimal:
                WriteFormatted(output, (decimal)value.Reference!, default);
                break;
            case SqlValueKind.DateTime:
                var time = new DateTime(value.Bits);
                WriteQuoted(output, time, time.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff");
                break;
            case SqlValueKind.DateOnly:
                WriteQuoted(output, DateOnly.FromDayNumber((int)value.Bits), "yyyy-MM-dd");
                break;
            case SqlValueKind.Time:
                WriteTime(output, TimeSpan.FromTicks(value.Bits));
                break;
            default:
                throw new InvalidOperationException($"unknown SQL value kind {value.Kind}");
        }
    }

    public static void WriteUtf8(IBufferWriter<byte> output, string text)
    {
        var size = text.Length <= 1024 ? Encoding.UTF8.GetMaxByteCount(text.Length) : Encoding.UTF8.GetByteCount(text);
        output.Advance(Encoding.UTF8.GetBytes(text, output.GetSpan(size)));
    }

    private static void WriteString(IBufferWriter<byte> output, string text, bool noBackslashEscapes)
    {
        var special = noBackslashEscapes ? NeedsQuoteDoubling : NeedsBackslash;
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(CharsPerChunk));
        try
        {
            output.Write("'"u8);
            var rest = text.AsSpan();
            do
            {
                var chunk = rest[..Math.Min(rest.Length, CharsPerChunk)];
                // A surrogate pair split by the chunk boundary stays unread until the next chunk.
                Utf8.FromUtf16(chunk, utf8, out var read, out var written, replaceInvalidSequences: true, isFinalBlock: chunk.Length == rest.Length);
                WriteEscaped(output, utf8.AsSpan(0, written), special, noBackslashEscapes);
                rest = rest[read..];
            }
            while (!rest.IsEmpty);
            output.Write("'"u8);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    private static void WriteEscaped(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8, SearchValues<byte> special, bool noBackslashEscapes)
    {
        while (!utf8.IsEmpty)
        {
            var next = utf8.IndexOfAny(special);
            if (next < 0)
            {
                output.Write(utf8);
                return;
            }
            output.Write(utf8[..next]);
            output.Write(noBackslashEscapes ? "''"u8 : Escape(utf8[next]));
            utf8 = utf8[(next + 1)..];
        }
    }

    private static ReadOnlySpan<byte> Escape(byte special) => special switch
    {
        0 => "\\0"u8,
        (byte)'\n' => "\\n"u8,
        (byte)'\r' => "\\r"u8,
        (byte)'\\' => "\\\\"u8,
        (byte)'\'' => "\\'"u8,
        (byte)'"' => "\\\""u8,
        _ => "\\Z"u8,
    };

    private static void WriteHex(IBufferWriter<byte> output, byte[] bytes)
    {
        output.Write("X'"u8);
        const int BytesPerChunk = 8192;
        for (var offset = 0; offset < bytes.Length; offset += BytesPerChunk)
        {
            var chunk = bytes.AsSpan(offset, Math.Min(BytesPerChunk, bytes.Length - offset));
            var span = output.GetSpan(chunk.Length * 2);
            for (var i = 0; i < chunk.Length; i++)
            {
                span[2 * i] = "0123456789ABCDEF"u8[chunk[i] >> 4];
                span[2 * i + 1] = "0123456789ABCDEF"u8[chunk[i] & 0xF];
            }
            output.Advance(chunk.Length * 2);
        }
        output.Write("'"u8);
    }

    private static void WriteTime(IBufferWriter<byte> output, TimeSpan time)
    {
        var magnitude = time.Duration();
        var hours = (long)Math.Floor(magnitude.TotalHours);
        var text = FormattableString.Invariant(
            $"{(time < TimeSpan.Zero ? "-" : "")}{hours:00}:{magnitude.Minutes:00}:{magnitude.Seconds:00}");
        if (magnitude.Ticks % TimeSpan.TicksPerSecond != 0)
            text += FormattableString.Invariant($".{magnitude.Ticks % TimeSpan.TicksPerSecond / 10:000000}");
        output.Write("'"u8);
        WriteUtf8(output, text);
        output.Write("'"u8);
    }

    private static void WriteQuoted<T>(IBufferWriter<byte> output, T value, string format) where T : IUtf8SpanFormattable
    {
        output.Write("'"u8);
        WriteFormatted(output, value, format);
        output.Write("'"u8);
    }

    private static void WriteFormatted<T>(IBufferWriter<byte> output, T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        var span = output.GetSpan(64);
        if (!value.TryFormat(span, out var written, format, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"cannot format {value} as SQL");
        output.Advance(written);
    }
}
