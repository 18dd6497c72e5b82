using System.Text;
using ReplicationManager.Toml;

namespace ReplicationManager.Core.Tests.Toml;

/// <summary>Errors name the source, the line and column of the offending character, and what is wrong.</summary>
public sealed class TomlErrorTests
{
    public static TheoryData<string, string> Documents => new()
    {
        { "api-port = 1\nhost = \"x\"\napi-port = 2\n", "3:1: duplicate key \"api-port\" (first defined at line 1)" },
        { "[server]\nport = 1\n  port = 2\n", "3:3: duplicate key \"port\" in table [server] (first defined at line 2)" },
        { "\"\" = 1\n'' = 2\n", "2:1: duplicate key \"\" (first defined at line 1)" },
        { "x 1\n", "1:3: expected '=' after key \"x\", found '1'" },
        { "failover-mode: manual\n", "1:14: expected '=' after key \"failover-mode\", found ':'; TOML puts '=' between a key and its value" },
        { "bare!key = 1\n", "1:5: expected '=' after key \"bare\", found '!'; bare keys may contain only ASCII letters, digits, '_' and '-', so quote other keys" },
        { "s = \"a\\qb\"\n", "1:7: invalid escape sequence \\q" },
        { "s = \"\\u12\"\n", "1:10: \\u must be followed by 4 hexadecimal digits, found '\"'" },
        { "s = \"\\uDC00\"\n", "1:6: \\uDC00 is a surrogate code point, not a Unicode character" },
        { "s = \"\\U00110000\"\n", "1:6: \\U00110000 is beyond U+10FFFF, the last Unicode code point" },
        { "s = \"\\é\"\n", "1:6: invalid escape sequence: a backslash followed by 'é' (U+00E9)" },
        { "s = \"\\e\"\n", "1:6: invalid escape sequence \\e (it is TOML 1.1, not TOML 1.0)" },
        { "s = \"tab\tok, bell\u0007 not\"\n", "1:18: character U+0007 must be escaped in a string" },
        { "s = \"no end\n", "1:5: unterminated string: a basic string must end on the line it starts; use \"\"\" for a multi-line string" },
        { "s = \"\"\"\nline\n\\q\"\"\"\n", "3:1: invalid escape sequence \\q" },
        { "a = 1\ns = \"\"\"\nnever closed\n", "2:5: unterminated multi-line string: no closing \"\"\"" },
        { "s = '''\nabc\ndef''' x\n", "3:8: expected a newline after the value, found 'x'" },
        { "n = 9223372036854775808\n", "1:5: integer 9223372036854775808 does not fit in 64 bits" },
        { "n = -9_223_372_036_854_775_809\n", "1:5: integer -9_223_372_036_854_775_809 does not fit in 64 bits" },
        { "n = 0x8000000000000000\n", "1:5: integer 0x8000000000000000 does not fit in 64 bits" },
        { "n = 1__000\n", "1:6: '_' in a number must be between two digits" },
        { "n = 0755\n", "1:5: leading zeros are not allowed in a number" },
        { "n = -0x1F\n", "1:5: a hexadecimal integer cannot have a sign" },
        { "f = 1.5e400\n", "1:5: float 1.5e400 is too large for 64 bits" },
        { "f = 3.\n", "1:7: expected a digit after the decimal point, found end of line" },
        { "d = 2023-02-30\n", "1:13: day 30 does not exist in 2023-02" },
        { "d = 2023-13-01\n", "1:10: month 13 does not exist; months are 01 to 12" },
        { "t = 24:00:00\n", "1:5: hour 24 does not exist; hours are 00 to 23" },
        { "t = 10:61:00\n", "1:8: minute 61 does not exist; minutes are 00 to 59" },
        { "t = 10:30\n", "1:10: expected ':' and seconds after the minute, found end of line; TOML 1.0 times need seconds" },
        { "d = 1979-05-27T07:32:00+24:00\n", "1:24: offset +24:00 does not exist; offsets are -23:59 to +23:59" },
        { "k = tru\n", "1:5: expected a value for key \"k\", found 'tru'; strings must be quoted, and booleans are true or false" },
        { "k =\n", "1:4: expected a value for key \"k\", found end of line" },
        { "k = \"日本\" x\n", "1:10: expected a newline after the value, found 'x'" },
        { "k = \"😀\" x\n", "1:9: expected a newline after the value, found 'x'" },
        { "k = 1\n\"键\" = ☃\n", "2:7: expected a value for key \"键\", found '☃' (U+2603)" },
        { "a = 1\r\nb = \r\n", "2:5: expected a value for key \"b\", found end of line" },
        { "a = 1\rb = 2\n", "1:6: a carriage return must be followed by a line feed" },
        { "\uFEFFa = ?\n", "1:5: expected a value for key \"a\", found '?'" },
        { "a = 1 # note\u0000\n", "1:13: character U+0000 is not allowed in a comment" },
        { "[a]\nb = 1\n[a]\n", "3:2: table [a] is defined twice (first defined at line 1)" },
        { "[a.b]\n[a]\n[a]\n", "3:2: table [a] is defined twice (first defined at line 2)" },
        { "[fruit]\napple.color = \"red\"\n[fruit.apple]\n", "3:8: table [fruit.apple] was already defined by dotted keys at line 2; a header cannot define it again" },
        { "[a.b.c]\n[a]\nb.c.d = 1\n", "3:3: cannot add keys to table [a.b.c] with dotted key \"b.c.d\": it is defined by its header at line 1" },
        { "a.b = 1\na.b.c = 2\n", "2:3: cannot use \"a.b\" as a table: it is already an integer (line 1)" },
        { "a = {x = 1}\n[a.b]\n", "2:2: cannot define [a.b] inside inline table \"a\" (line 1): inline tables cannot be extended" },
        { "a = {x = 1}\na.y = 2\n", "2:1: cannot add keys to inline table \"a\" (line 1): inline tables cannot be extended" },
        { "ports = [1, 2]\n[[ports]]\n", "2:3: cannot append to the static array \"ports\" (line 1) with [[ports]]" },
        { "[[servers]]\n[servers]\n", "2:2: [servers] conflicts with the array of tables [[servers]] (line 1)" },
        { "[[a]]\n[a.b]\nc = 1\nc = 2\n", "4:1: duplicate key \"c\" in table [a.b] (first defined at line 3)" },
        { "[[a]]\nc = 1\nc = 2\n", "3:1: duplicate key \"c\" in [[a]] (first defined at line 2)" },
        { "t = {x = 1, x = 2}\n", "1:13: duplicate key \"x\" in inline table \"t\" (first defined at line 1)" },
        { "[\"my host\"]\nport = 1\nport = 2\n", "3:1: duplicate key \"port\" in table [\"my host\"] (first defined at line 2)" },
        { "a = [1, 2\n", "1:5: unclosed array: expected ']'" },
        { "a = [1 2]\n", "1:8: expected ',' or ']' after an array element, found '2'" },
        { "t = {a = 1,}\n", "1:11: a trailing comma is not allowed in an inline table (TOML 1.0)" },
        { "t = {a = 1,\n b = 2}\n", "1:12: expected '}' before the end of the line: an inline table must be on one line (TOML 1.0)" },
        { "[[table] ]\n", "1:9: expected ']]' to close [[table]], found ']' then a space" },
        { "[a] b = 1\n", "1:5: expected a newline after the table header, found 'b'" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void PointsAtTheOffendingCharacter(string document, string expected)
    {
        var error = Assert.Throws<TomlException>(() => TomlReader.Parse(document, "config.toml"));

        Assert.Equal($"config.toml:{expected}", error.Message);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void ReportsTheSameErrorForUtf8Input(string document, string expected)
    {
        var error = Assert.Throws<TomlException>(() => TomlReader.Parse(Encoding.UTF8.GetBytes(document), "config.toml"));

        Assert.Equal($"config.toml:{expected}", error.Message);
    }

    [Fact]
    public void ExposesTheLocationAndReasonApart()
    {
        var error = Assert.Throws<TomlException>(() => TomlReader.Parse("a = 1\na = 2\n", "repman.toml"));

        Assert.Equal("repman.toml", error.SourceName);
        Assert.Equal(2, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Equal(new TomlPosition(2, 1), error.Position);
        Assert.Equal("duplicate key \"a\" (first defined at line 1)", error.Reason);
    }

    [Fact]
    public void LeavesTheSourceOutOfTheMessageWhenThereIsNone()
    {
        var error = Assert.Throws<TomlException>(() => TomlReader.Parse("a = \n"));

        Assert.Null(error.SourceName);
        Assert.Equal("1:5: expected a value for key \"a\", found end of line", error.Message);
    }

    [Fact]
    public void RejectsInvalidUtf8AtTheBadByte()
    {
        byte[] document = [.. "a = 1\nb = \""u8, 0xC3, .. "\"\n"u8];

        var error = Assert.Throws<TomlException>(() => TomlReader.Parse(document, "config.toml"));

        Assert.Equal("config.toml:2:6: invalid UTF-8 byte 0xC3; TOML documents must be UTF-8", error.Message);
    }

    [Fact]
    public void RejectsUtf8EncodedSurrogates()
    {
        byte[] document = [.. "s = \""u8, 0xED, 0xA0, 0x80, .. "\"\n"u8];

        var error = Assert.Throws<TomlException>(() => TomlReader.Parse(document));

        Assert.Equal("1:6: invalid UTF-8 byte 0xED; TOML documents must be UTF-8", error.Message);
    }

    [Fact]
    public void RejectsUtf16Input()
    {
        var document = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a = 1\n")).ToArray();

        var error = Assert.Throws<TomlException>(() => TomlReader.Parse(document));

        Assert.Equal("1:1: the document is UTF-16 (it starts with a UTF-16 byte order mark); TOML documents must be UTF-8", error.Message);
    }

    [Fact]
    public void RejectsUnpairedSurrogatesInText()
    {
        var error = Assert.Throws<TomlException>(() => TomlReader.Parse("a = 1\ns = \"x\uD800\"\n"));

        Assert.Equal("2:7: unpaired UTF-16 surrogate U+D800; the text is not valid Unicode", error.Message);
    }
}
