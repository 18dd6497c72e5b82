using System.Text;

namespace ReplicationManager.Toml.Parsing;

/// <summary>Reads the four kinds of TOML strings; multi-line strings keep their newlines as LF.</summary>
internal static class StringParser
{
    public static string Parse(SourceReader reader)
    {
        var quote = reader.Peek();
        var multiline = reader.Peek(1) == quote && reader.Peek(2) == quote;
        return (quote, multiline) switch
        {
            ('"', false) => ParseBasic(reader),
            ('"', true) => ParseMultiline(reader, basic: true),
            (_, false) => ParseLiteral(reader),
            (_, true) => ParseMultiline(reader, basic: false),
        };
    }

    public static string ParseBasic(SourceReader reader)
    {
        var open = reader.Index;
        reader.Advance();
        StringBuilder? value = null;
        while (true)
        {
            var rest = reader.Remaining;
            var stop = rest.IndexOfAny(CharClass.BasicStops);
            if (stop < 0 || IsLineEnd(rest, stop))
                throw Unterminated(reader, open, "\"");
            if (rest[stop] == '"' && value is null)
            {
                reader.Advance(stop + 1);
                return rest[..stop].ToString();
            }

            value ??= new StringBuilder();
            value.Append(rest[..stop]);
            reader.Advance(stop);
            if (rest[stop] == '"')
            {
                reader.Advance();
                return value.ToString();
            }

            if (rest[stop] != '\\')
                throw reader.Error($"{reader.Describe()} must be escaped in a string");
            EscapeDecoder.Decode(reader, value);
        }
    }

    public static string ParseLiteral(SourceReader reader)
    {
        var open = reader.Index;
        reader.Advance();
        var rest = reader.Remaining;
        var stop = rest.IndexOfAny(CharClass.LiteralStops);
        if (stop < 0 || IsLineEnd(rest, stop))
            throw Unterminated(reader, open, "'");
        reader.Advance(stop);
        if (rest[stop] != '\'')
            throw reader.Error($"{reader.Describe()} is not allowed in a literal string");
        reader.Advance();
        return rest[..stop].ToString();
    }

    private static string ParseMultiline(SourceReader reader, bool basic)
    {
        var open = reader.Index;
        var quote = (char)reader.Peek();
        reader.Advance(3);
        if (CharClass.IsNewline(reader.Peek()))
            reader.ConsumeNewline();
        var stops = basic ? CharClass.BasicStops : CharClass.LiteralStops;
        var value = new StringBuilder();
        while (true)
        {
            var rest = reader.Remaining;
            var stop = rest.IndexOfAny(stops);
            if (stop < 0)
                throw reader.ErrorAt(open, $"unterminated multi-line string: no closing {quote}{quote}{quote}");
            value.Append(rest[..stop]);
            reader.Advance(stop);
            var c = rest[stop];
            if (c == quote)
            {
                if (CloseOrAppendQuotes(reader, value, quote))
                    return value.ToString();
            }
            else if (CharClass.IsNewline(c))
            {
                reader.ConsumeNewline();
                value.Append('\n');
            }
            else if (c == '\\')
            {
                if (!SkipLineEndingBackslash(reader))
                    EscapeDecoder.Decode(reader, value);
            }
            else
            {
                throw reader.Error($"{reader.Describe()} is not allowed in a multi-line string");
            }
        }
    }

    /// <summary>
    /// At a run of quotes: fewer than three are content; three to five close the string, the extra one or two
    /// being content; six or more would put a closing delimiter inside the string.
    /// </summary>
    private static bool CloseOrAppendQuotes(SourceReader reader, StringBuilder value, char quote)
    {
        var run = 1;
        while (reader.Peek(run) == quote)
            run++;
        if (run > 5)
        {
            throw reader.ErrorAt(
                reader.Index + 5,
                $"too many {quote} characters: only two may come before the closing {quote}{quote}{quote}");
        }

        value.Append(quote, run >= 3 ? run - 3 : run);
        reader.Advance(run);
        return run >= 3;
    }

    /// <summary>A backslash ending a line trims the newline and all whitespace and newlines after it.</summary>
    private static bool SkipLineEndingBackslash(SourceReader reader)
    {
        var offset = 1;
        while (CharClass.IsWhitespace(reader.Peek(offset)))
            offset++;
        if (!CharClass.IsNewline(reader.Peek(offset)))
            return false;
        reader.Advance(offset);
        while (true)
        {
            Trivia.SkipWhitespace(reader);
            if (!CharClass.IsNewline(reader.Peek()))
                return true;
            reader.ConsumeNewline();
        }
    }

    /// <summary>A lone carriage return is a control character to report as such, not the end of the line.</summary>
    private static bool IsLineEnd(ReadOnlySpan<char> rest, int index) =>
        rest[index] == '\n' || (rest[index] == '\r' && index + 1 < rest.Length && rest[index + 1] == '\n');

    private static TomlException Unterminated(SourceReader reader, int open, string quote) =>
        reader.ErrorAt(
            open,
            quote == "\""
                ? "unterminated string: a basic string must end on the line it starts; use \"\"\" for a multi-line string"
                : "unterminated string: a literal string must end on the line it starts; use ''' for a multi-line string");
}
