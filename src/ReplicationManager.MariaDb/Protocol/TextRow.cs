namespace ReplicationManager.MariaDb.Protocol;

/// <summary>
/// Splits a text-protocol row into its values: each a length-encoded string, or 0xFB for NULL. The result is
/// (start, length) pairs with length -1 for NULL, so that values are decoded only when asked for.
/// </summary>
internal static class TextRow
{
    public const byte NullValue = 0xFB;

    public static void Split(ReadOnlySpan<byte> payload, Span<int> offsets)
    {
        var position = 0;
        for (var index = 0; index < offsets.Length; index += 2)
        {
            if (position >= payload.Length)
                throw ProtocolErrors.Malformed($"row ends after {index / 2} of {offsets.Length / 2} values");
            var first = payload[position];
            if (first == NullValue)
            {
                offsets[index] = position++;
                offsets[index + 1] = -1;
                continue;
            }
            var (header, length) = first switch
            {
                < NullValue => (1, (ulong)first),
                0xFC => (3, ReadLength(payload, position, 2)),
                0xFD => (4, ReadLength(payload, position, 3)),
                0xFE => (9, ReadLength(payload, position, 8)),
                _ => throw ProtocolErrors.Malformed($"0x{first:X2} does not start a row value"),
            };
            var start = position + header;
            if (length > (ulong)(payload.Length - start))
                throw ProtocolErrors.Malformed("row value runs past the end of the packet");
            offsets[index] = start;
            offsets[index + 1] = (int)length;
            position = start + (int)length;
        }
        if (position != payload.Length)
            throw ProtocolErrors.Malformed($"row has {payload.Length - position} bytes after its last value");
    }

    private static ulong ReadLength(ReadOnlySpan<byte> payload, int position, int size)
    {
        if (position + 1 + size > payload.Length)
            throw ProtocolErrors.Malformed("row value length runs past the end of the packet");
        ulong length = 0;
        for (var i = size; i >= 1; i--)
            length = length << 8 | payload[position + i];
        return length;
    }
}
