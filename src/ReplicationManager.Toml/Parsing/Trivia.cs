namespace ReplicationManager.Toml.Parsing;

/// <summary>What lies between tokens: whitespace, comments and newlines.</summary>
internal static class Trivia
{
    public static void SkipWhitespace(SourceReader reader)
    {
        var count = reader.Remaining.IndexOfAnyExcept(' ', '\t');
        reader.Advance(count < 0 ? reader.Remaining.Length : count);
    }

    /// <summary>Skips a comment from its '#' up to, not including, the newline that ends it.</summary>
    public static void SkipComment(SourceReader reader)
    {
        reader.Advance();
        var rest = reader.Remaining;
        var stop = rest.IndexOfAny(CharClass.Controls);
        if (stop < 0)
        {
            reader.Advance(rest.Length);
            return;
        }

        reader.Advance(stop);
        if (rest[stop] == '\n' || (rest[stop] == '\r' && reader.Peek(1) == '\n'))
            return;
        throw rest[stop] == '\r'
            ? reader.Error("a carriage return must be followed by a line feed")
            : reader.Error($"{reader.Describe()} is not allowed in a comment");
    }

    /// <summary>Skips whitespace, comments and newlines, as allowed between the elements of an array.</summary>
    public static void SkipBlankLines(SourceReader reader)
    {
        while (true)
        {
            SkipWhitespace(reader);
            var c = reader.Peek();
            if (c == '#')
                SkipComment(reader);
            else if (CharClass.IsNewline(c))
                reader.ConsumeNewline();
            else
                return;
        }
    }

    /// <summary>After a key/value pair or a header only whitespace and a comment may follow on the line.</summary>
    public static void ExpectLineEnd(SourceReader reader, string after)
    {
        SkipWhitespace(reader);
        if (reader.Peek() == '#')
            SkipComment(reader);
        var c = reader.Peek();
        if (c == SourceReader.EndOfInput)
            return;
        if (!CharClass.IsNewline(c))
            throw reader.Error($"expected a newline {after}, found {reader.Describe()}");
        reader.ConsumeNewline();
    }
}
