using System.Buffers.Text;
using System.Globalization;

namespace ReplicationManager.MariaDb.Values;

/// <summary>Numbers as the server writes them in the text protocol (ASCII, invariant), and BIT values (big-endian bytes).</summary>
internal static class TextNumber
{
    public static bool TryParseInt64(ReadOnlySpan<byte> text, out long value) =>
        Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;

    public static bool TryParseUInt64(ReadOnlySpan<byte> text, out ulong value) =>
        Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;

    public static bool TryParseDecimal(ReadOnlySpan<byte> text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryParseSingle(ReadOnlySpan<byte> text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryReadBit(ReadOnlySpan<byte> bytes, out ulong value)
    {
        value = 0;
        if (bytes.Length > 8)
            return false;
        foreach (var b in bytes)
            value = value << 8 | b;
        return true;
    }
}
