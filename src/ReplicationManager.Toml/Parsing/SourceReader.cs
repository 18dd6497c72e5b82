namespace ReplicationManager.Toml.Parsing;

/// <summary>The document text and the read position, with the bookkeeping that turns an index into line and column.</summary>
internal sealed class SourceReader
{
    public const int EndOfInput = -1;
    private const char ByteOrderMark = '\uFEFF';

    private readonly string _text;
    private readonly string? _sourceName;
    private int _line = 1;
    private int _lineStart;

    // The last column worked out on the current line: positions are mostly asked for left to right, so each costs
    // only the characters since the previous one, even on a very long line.
    private int _columnIndex;
    private int _column = 1;

    public SourceReader(string text, string? sourceName)
    {
        _text = text;
        _sourceName = sourceName;
        if (text.Length > 0 && text[0] == ByteOrderMark)
            Index = _lineStart = _columnIndex = 1;
    }

    public int Index { get; private set; }

    public ReadOnlySpan<char> Remaining => _text.AsSpan(Index);

    public int Peek() => Index < _text.Length ? _text[Index] : EndOfInput;

    public int Peek(int offset) => Index + offset < _text.Length ? _text[Index + offset] : EndOfInput;

    public void Advance(int count = 1) => Index += count;

    public string Slice(int start, int end) => _text[start..end];

    /// <summary>Consumes the LF or CRLF at the current index.</summary>
    public void ConsumeNewline()
    {
        if (_text[Index] == '\r')
        {
            if (Peek(1) != '\n')
                throw Error("a carriage return must be followed by a line feed");
            Index++;
        }

        Index++;
        _line++;
        _lineStart = _columnIndex = Index;
        _column = 1;
    }

    public TomlPosition Position => PositionAt(Index);

    public TomlPosition PositionAt(int index)
    {
        if (index < _lineStart)
            return Locate(_text, index);
        if (index < _columnIndex)
        {
            _columnIndex = _lineStart;
            _column = 1;
        }

        for (; _columnIndex < index; _columnIndex++)
        {
            if (!char.IsLowSurrogate(_text[_columnIndex]))
                _column++;
        }

        return new(_line, _column);
    }

    public TomlException Error(string reason) => ErrorAt(Index, reason);

    public TomlException ErrorAt(int index, string reason) => new(_sourceName, PositionAt(index), reason);

    public TomlException ErrorAt(TomlPosition position, string reason) => new(_sourceName, position, reason);

    /// <summary>The character at <paramref name="offset"/> from the read position, as an error message names it.</summary>
    public string Describe(int offset = 0)
    {
        var c = Peek(offset);
        if (c == '\r' && Peek(offset + 1) != '\n')
            return "a carriage return (U+000D)";
        if (char.IsHighSurrogate((char)c) && Peek(offset + 1) is var low && char.IsLowSurrogate((char)low))
            return CharClass.Describe((char)c, (char)low);
        return CharClass.Describe(c);
    }

    /// <summary>Works out a position from scratch; for indexes behind the current line and for text not being read.</summary>
    public static TomlPosition Locate(ReadOnlySpan<char> text, int index)
    {
        var before = text[..index];
        var line = 1 + before.Count('\n');
        var lineStart = before.LastIndexOf('\n') + 1;
        if (lineStart == 0 && before.Length > 0 && before[0] == ByteOrderMark)
            lineStart = 1;
        var column = 1;
        foreach (var c in before[lineStart..])
        {
            if (!char.IsLowSurrogate(c))
                column++;
        }

        return new(line, column);
    }
}
