using System.Text;

namespace ReplicationManager.Toml.Parsing;

/// <summary>Decodes the escape sequences of basic strings.</summary>
internal static class EscapeDecoder
{
    /// <summary>Decodes the escape at the reader's backslash into <paramref name="value"/> and moves past it.</summary>
    public static void Decode(SourceReader reader, StringBuilder value)
    {
        var c = reader.Peek(1);
        switch (c)
        {
            case 'b': value.Append('\b'); break;
            case 't': value.Append('\t'); break;
            case 'n': value.Append('\n'); break;
            case 'f': value.Append('\f'); break;
            case 'r': value.Append('\r'); break;
            case '"': value.Append('"'); break;
            case '\\': value.Append('\\'); break;
            case 'u': AppendCodePoint(reader, value, digits: 4); return;
            case 'U': AppendCodePoint(reader, value, digits: 8); return;
            default: throw Invalid(reader, c);
        }

        reader.Advance(2);
    }

    private static TomlException Invalid(SourceReader reader, int c)
    {
        if (c == SourceReader.EndOfInput || CharClass.IsNewline(c))
            return reader.Error("a backslash must start an escape sequence; write \\\\ for a backslash");
        if (c is 'e' or 'x')
            return reader.Error($"invalid escape sequence \\{(char)c} (it is TOML 1.1, not TOML 1.0)");
        return c > ' '
            ? reader.Error($"invalid escape sequence \\{reader.Describe(1).Trim('\'')}")
            : reader.Error($"invalid escape sequence: a backslash followed by {reader.Describe(1)}");
    }

    private static void AppendCodePoint(SourceReader reader, StringBuilder value, int digits)
    {
        var codePoint = 0;
        for (var i = 2; i < digits + 2; i++)
        {
            var c = reader.Peek(i);
            if (!CharClass.IsHexDigit(c))
            {
                throw reader.Error(
                    $"\\{(char)reader.Peek(1)} must be followed by {digits} hexadecimal digits, found {reader.Describe(i)}");
            }

            codePoint = (codePoint << 4) | HexValue(c);
        }

        var escape = $"\\{(char)reader.Peek(1)}{reader.Remaining[2..(digits + 2)]}";
        if (codePoint is >= 0xD800 and <= 0xDFFF)
            throw reader.Error($"{escape} is a surrogate code point, not a Unicode character");
        if ((uint)codePoint > 0x10FFFF)
            throw reader.Error($"{escape} is beyond U+10FFFF, the last Unicode code point");
        Span<char> utf16 = stackalloc char[2];
        value.Append(utf16[..new Rune(codePoint).EncodeToUtf16(utf16)]);
        reader.Advance(digits + 2);
    }

    private static int HexValue(int c) => c switch
    {
        <= '9' => c - '0',
        <= 'F' => c - 'A' + 10,
        _ => c - 'a' + 10,
    };
}
