namespace ReplicationManager.Toml.Parsing;

/// <summary>Reads a whole document: its lines of key/value pairs, table headers, comments and blank lines.</summary>
internal sealed class DocumentParser
{
    private readonly SourceReader _reader;
    private readonly TableBuilder _tables;
    private readonly ValueParser _values;
    private readonly List<KeyPart> _header = [];

    private DocumentParser(string text, string? sourceName)
    {
        _reader = new SourceReader(text, sourceName);
        _tables = new TableBuilder(_reader);
        _values = new ValueParser(_reader, _tables);
    }

    public static TomlTable Parse(string text, string? sourceName) => new DocumentParser(text, sourceName).ParseDocument();

    private TomlTable ParseDocument()
    {
        var current = _tables.Root;
        while (true)
        {
            Trivia.SkipWhitespace(_reader);
            switch (_reader.Peek())
            {
                case SourceReader.EndOfInput:
                    return _tables.Root;
                case '#':
                    Trivia.SkipComment(_reader);
                    break;
                case '\n' or '\r':
                    _reader.ConsumeNewline();
                    break;
                case '[':
                    current = ParseHeader();
                    Trivia.ExpectLineEnd(_reader, "after the table header");
                    break;
                default:
                    _values.ParseKeyValue(current);
                    Trivia.ExpectLineEnd(_reader, "after the value");
                    break;
            }
        }
    }

    /// <summary>Reads <c>[key]</c> or <c>[[key]]</c> and returns the table that the following pairs go into.</summary>
    private TomlTable ParseHeader()
    {
        var position = _reader.Position;
        _reader.Advance();
        var isArray = _reader.Peek() == '[';
        if (isArray)
            _reader.Advance();
        KeyParser.Parse(_reader, _header);
        if (_reader.Peek() != ']')
            throw KeyParser.Unexpected(_reader, _header, isArray ? "']]'" : "']'");
        if (isArray && _reader.Peek(1) != ']')
            throw _reader.ErrorAt(_reader.Index + 1, $"expected ']]' to close [[{KeyText.Join(_header, _header.Count)}]], found ']' then {_reader.Describe(1)}");
        _reader.Advance(isArray ? 2 : 1);
        return isArray ? _tables.AppendArrayElement(_header, position) : _tables.DefineTable(_header, position);
    }
}
