namespace ReplicationManager.Toml.Parsing;

/// <summary>Walks the characters of one number token and reports errors at the character that breaks a rule.</summary>
internal readonly ref struct NumberScanner(SourceReader reader, ReadOnlySpan<char> token)
{
    private readonly SourceReader _reader = reader;

    public ReadOnlySpan<char> Token { get; } = token;

    /// <summary>Scans digits of <paramref name="radix"/> from <paramref name="start"/>, each '_' between two digits; returns where they end.</summary>
    public int ScanDigits(int start, int radix, string expected)
    {
        if (start >= Token.Length || !IsDigit(Token[start], radix))
            throw ErrorAt(start, $"expected {expected}, found {Describe(start)}{NumberHint(start)}");
        var i = start + 1;
        while (i < Token.Length)
        {
            if (Token[i] == '_')
            {
                if (i + 1 >= Token.Length || !IsDigit(Token[i + 1], radix))
                    throw ErrorAt(i, "'_' in a number must be between two digits");
                i += 2;
            }
            else if (IsDigit(Token[i], radix))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    public void ExpectEnd(int end)
    {
        if (end < Token.Length)
        {
            var hint = Token[end] is '-' or ':' ? "; dates are YYYY-MM-DD and times HH:MM:SS" : string.Empty;
            throw ErrorAt(end, $"invalid character {Describe(end)} in number {Token}{hint}");
        }
    }

    public TomlException ErrorAt(int offset, string reason) => _reader.ErrorAt(_reader.Index + offset, reason);

    private string Describe(int offset) => _reader.Describe(offset);

    private string NumberHint(int offset) =>
        offset < Token.Length && Token[offset] == '_' ? "; '_' in a number must be between two digits" : string.Empty;

    private static bool IsDigit(char c, int radix) => radix switch
    {
        16 => CharClass.IsHexDigit(c),
        10 => CharClass.IsDigit(c),
        8 => c is >= '0' and <= '7',
        _ => c is '0' or '1',
    };
}
