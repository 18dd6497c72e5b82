using System.Buffers;

namespace ReplicationManager.Toml.Parsing;

/// <summary>Reads key/value pairs and values, arrays and inline tables included.</summary>
internal sealed class ValueParser(SourceReader reader, TableBuilder tables)
{
    private static readonly SearchValues<char> WordCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

    private readonly List<KeyPart> _key = [];

    /// <summary>Reads <c>key = value</c> into <paramref name="table"/>, leaving the reader right after the value.</summary>
    public void ParseKeyValue(TomlTable table)
    {
        KeyParser.Parse(reader, _key);
        if (reader.Peek() != '=')
            throw KeyParser.Unexpected(reader, _key, "'='");
        reader.Advance();
        Trivia.SkipWhitespace(reader);
        var target = tables.ResolveKeyValueTable(table, _key);
        var last = _key[^1];
        var value = Parse(target.Depth + 1, new ValueLocation(target.Path, last.Name));
        target.Add(last.Name, last.Position, value);
    }

    private TomlValue Parse(int depth, ValueLocation location)
    {
        var c = reader.Peek();
        switch (c)
        {
            case '"' or '\'':
                var position = reader.Position;
                return new TomlString(position, StringParser.Parse(reader));
            case '[':
                return ParseArray(depth, location);
            case '{':
                return ParseInlineTable(depth, location);
            case '+' or '-':
                return NumberParser.Parse(reader);
        }

        if (CharClass.IsDigit(c))
        {
            return DateTimeParser.AtDate(reader) ? DateTimeParser.ParseDateOrDateTime(reader)
                : DateTimeParser.AtTime(reader) ? DateTimeParser.ParseTime(reader)
                : NumberParser.Parse(reader);
        }

        if (char.IsAsciiLetter((char)c))
            return ParseWord(location);
        throw reader.Error($"expected a value{location.ForKey}, found {reader.Describe()}");
    }

    private TomlValue ParseWord(ValueLocation location)
    {
        var position = reader.Position;
        var length = reader.Remaining.IndexOfAnyExcept(WordCharacters);
        var word = reader.Remaining[..(length < 0 ? reader.Remaining.Length : length)];
        TomlValue value = word switch
        {
            "true" => new TomlBoolean(position, true),
            "false" => new TomlBoolean(position, false),
            "inf" => new TomlFloat(position, double.PositiveInfinity),
            "nan" => new TomlFloat(position, double.NaN),
            _ => throw reader.Error(
                $"expected a value{location.ForKey}, found '{word}'; strings must be quoted, and booleans are true or false"),
        };
        reader.Advance(word.Length);
        return value;
    }

    private TomlArray ParseArray(int depth, ValueLocation location)
    {
        var open = reader.Index;
        var array = new TomlArray(reader.Position, isArrayOfTables: false, tables.CheckDepth(depth, reader.Position));
        reader.Advance();
        string? path = null;
        while (true)
        {
            Trivia.SkipBlankLines(reader);
            if (reader.Peek() == ']')
                break;
            if (reader.Peek() == SourceReader.EndOfInput)
                throw reader.ErrorAt(open, "unclosed array: expected ']'");
            array.Add(Parse(depth + 1, new ValueLocation(path ??= location.Build(), null, array.Count)));
            Trivia.SkipBlankLines(reader);
            var c = reader.Peek();
            if (c == ']')
                break;
            if (c != ',')
            {
                throw c == SourceReader.EndOfInput
                    ? reader.ErrorAt(open, "unclosed array: expected ']'")
                    : reader.Error($"expected ',' or ']' after an array element, found {reader.Describe()}");
            }

            reader.Advance();
        }

        reader.Advance();
        return array;
    }

    private TomlTable ParseInlineTable(int depth, ValueLocation location)
    {
        var open = reader.Index;
        var table = new TomlTable(reader.Position, TableOrigin.Inline, location.Build(), tables.CheckDepth(depth, reader.Position));
        reader.Advance();
        Trivia.SkipWhitespace(reader);
        if (reader.Peek() == '}')
        {
            reader.Advance();
            return table;
        }

        while (true)
        {
            RejectLineEnd(open);
            ParseKeyValue(table);
            Trivia.SkipWhitespace(reader);
            if (reader.Peek() == '}')
                break;
            RejectLineEnd(open);
            if (reader.Peek() != ',')
                throw reader.Error($"expected ',' or '}}' after a value in an inline table, found {reader.Describe()}");
            reader.Advance();
            Trivia.SkipWhitespace(reader);
            if (reader.Peek() == '}')
                throw reader.Error("a trailing comma is not allowed in an inline table (TOML 1.0)");
        }

        reader.Advance();
        Freeze(table);
        return table;
    }

    private void RejectLineEnd(int open)
    {
        var c = reader.Peek();
        if (c == SourceReader.EndOfInput)
            throw reader.ErrorAt(open, "unclosed inline table: expected '}'");
        if (CharClass.IsNewline(c) || c == '#')
        {
            throw reader.Error(
                $"expected '}}' before the {(c == '#' ? "comment" : "end of the line")}: an inline table must be on one line (TOML 1.0)");
        }
    }

    /// <summary>The tables dotted keys made inside braces are as immutable as the inline table itself.</summary>
    private static void Freeze(TomlTable inline)
    {
        var pending = new Stack<TomlTable>();
        pending.Push(inline);
        while (pending.TryPop(out var table))
        {
            foreach (var (_, value) in table)
            {
                if (value is TomlTable { Origin: TableOrigin.DottedKey } dotted)
                {
                    dotted.Origin = TableOrigin.Inline;
                    pending.Push(dotted);
                }
            }
        }
    }
}
