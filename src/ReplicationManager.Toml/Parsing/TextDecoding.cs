using System.Buffers;
using System.Text.Unicode;

namespace ReplicationManager.Toml.Parsing;

/// <summary>Turns input into text the parser can trust: strictly decoded UTF-8, or UTF-16 without unpaired surrogates.</summary>
internal static class TextDecoding
{
    public static string DecodeUtf8(ReadOnlySpan<byte> utf8, string? sourceName)
    {
        if (utf8 is [0xFE, 0xFF, ..] or [0xFF, 0xFE, ..])
        {
            throw new TomlException(
                sourceName, new TomlPosition(1, 1), "the document is UTF-16 (it starts with a UTF-16 byte order mark); TOML documents must be UTF-8");
        }

        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(utf8.Length, 1));
        try
        {
            // Decoding must not replace bad bytes with U+FFFD as .NET does by default: invalid UTF-8 is an error in TOML.
            var status = Utf8.ToUtf16(utf8, buffer, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var position = SourceReader.Locate(buffer.AsSpan(0, written), written);
                throw new TomlException(sourceName, position, $"invalid UTF-8 byte 0x{utf8[read]:X2}; TOML documents must be UTF-8");
            }

            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    public static void RejectUnpairedSurrogates(string text, string? sourceName)
    {
        var offset = 0;
        while (true)
        {
            var found = text.AsSpan(offset).IndexOfAnyInRange('\uD800', '\uDFFF');
            if (found < 0)
                return;
            var index = offset + found;
            if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                offset = index + 2;
                continue;
            }

            throw new TomlException(
                sourceName, SourceReader.Locate(text, index), $"unpaired UTF-16 surrogate U+{(int)text[index]:X4}; the text is not valid Unicode");
        }
    }
}
