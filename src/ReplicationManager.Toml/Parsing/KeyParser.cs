namespace ReplicationManager.Toml.Parsing;

/// <summary>Reads keys: bare, quoted, and dotted, as on the left of '=' and in table headers.</summary>
internal static class KeyParser
{
    /// <summary>A bound on the parts of one key, so that no document nests tables without limit.</summary>
    public const int MaxParts = 128;

    /// <summary>Reads a key into <paramref name="key"/>, leaving the reader on the first character after it and its whitespace.</summary>
    public static void Parse(SourceReader reader, List<KeyPart> key)
    {
        key.Clear();
        while (true)
        {
            Trivia.SkipWhitespace(reader);
            key.Add(ParsePart(reader, afterDot: key.Count > 0));
            Trivia.SkipWhitespace(reader);
            if (reader.Peek() != '.')
                return;
            if (key.Count == MaxParts)
                throw reader.Error($"a key may have at most {MaxParts} dotted parts");
            reader.Advance();
        }
    }

    /// <summary>The error for a key followed by something other than <paramref name="expected"/>.</summary>
    public static TomlException Unexpected(SourceReader reader, List<KeyPart> key, string expected)
    {
        var found = reader.Describe();
        var hint = reader.Peek(-1) is var previous && CharClass.IsBareKeyChar(previous) && reader.Peek() > ' '
            ? "; bare keys may contain only ASCII letters, digits, '_' and '-', so quote other keys"
            : string.Empty;
        return reader.Error($"expected {expected} after key {KeyText.Quote(key)}, found {found}{hint}");
    }

    private static KeyPart ParsePart(SourceReader reader, bool afterDot)
    {
        var position = reader.Position;
        var c = reader.Peek();
        if (CharClass.IsBareKeyChar(c))
        {
            var length = reader.Remaining.IndexOfAnyExcept(CharClass.BareKeyCharacters);
            var start = reader.Index;
            reader.Advance(length < 0 ? reader.Remaining.Length : length);
            return new(reader.Slice(start, reader.Index), position);
        }

        if (c is '"' or '\'')
        {
            if (reader.Peek(1) == c && reader.Peek(2) == c)
                throw reader.Error("a multi-line string cannot be a key");
            return new(c == '"' ? StringParser.ParseBasic(reader) : StringParser.ParseLiteral(reader), position);
        }

        var expected = afterDot ? "a key after '.'" : "a key";
        throw c == '='
            ? reader.Error($"expected {expected} before '='")
            : reader.Error($"expected {expected}, found {reader.Describe()}");
    }
}
