using System.Buffers;
using System.Globalization;

namespace ReplicationManager.Toml.Parsing;

/// <summary>TOML's character classes, and the names errors give characters.</summary>
internal static class CharClass
{
    private const string ControlCharacters =
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F";

    /// <summary>Where a comment or literal string stops: every control character but tab, newlines included.</summary>
    public static readonly SearchValues<char> Controls = SearchValues.Create(ControlCharacters);

    /// <summary>Where a single-line literal string stops.</summary>
    public static readonly SearchValues<char> LiteralStops = SearchValues.Create(ControlCharacters + "'");

    /// <summary>Where a basic string stops: its delimiter, an escape, or a control character.</summary>
    public static readonly SearchValues<char> BasicStops = SearchValues.Create(ControlCharacters + "\"\\");

    public static readonly SearchValues<char> BareKeyCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    public static bool IsBareKeyChar(int c) => c >= 0 && BareKeyCharacters.Contains((char)c);

    public static bool IsWhitespace(int c) => c is ' ' or '\t';

    public static bool IsNewline(int c) => c is '\n' or '\r';

    public static bool IsDigit(int c) => c is >= '0' and <= '9';

    public static bool IsHexDigit(int c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    public static bool IsControl(int c) => c is (>= 0 and < 0x20 and not '\t') or 0x7F;

    public static string Describe(int c) => c switch
    {
        SourceReader.EndOfInput => "end of file",
        '\n' or '\r' => "end of line",
        '\t' => "a tab",
        ' ' => "a space",
        '\uFEFF' => "a byte order mark (U+FEFF)",
        < 0x80 when !IsControl(c) => $"'{(char)c}'",
        _ when IsInvisible((char)c) => $"character U+{c:X4}",
        _ => $"'{(char)c}' (U+{c:X4})",
    };

    /// <summary>Names a character outside the Basic Multilingual Plane, given as its surrogate pair.</summary>
    public static string Describe(char high, char low) => $"'{high}{low}' (U+{char.ConvertToUtf32(high, low):X})";

    private static bool IsInvisible(char c) => char.IsSurrogate(c) || char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned;
}
