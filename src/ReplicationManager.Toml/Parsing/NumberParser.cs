using System.Buffers;
using System.Globalization;

namespace ReplicationManager.Toml.Parsing;

/// <summary>Reads integers in the four bases and floats, checking TOML's rules on signs, zeros and underscores.</summary>
internal static class NumberParser
{
    private static readonly SearchValues<char> TokenCharacters =
        SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_+-.:");

    public static TomlValue Parse(SourceReader reader)
    {
        var position = reader.Position;
        var length = reader.Remaining.IndexOfAnyExcept(TokenCharacters);
        var token = reader.Remaining[..(length < 0 ? reader.Remaining.Length : length)];
        var scanner = new NumberScanner(reader, token);
        var signLength = token[0] is '+' or '-' ? 1 : 0;
        var body = token[signLength..];
        TomlValue value = body switch
        {
            "inf" => new TomlFloat(position, token[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity),
            "nan" => new TomlFloat(position, double.NaN),
            ['0', 'x' or 'o' or 'b', ..] => ParseRadix(scanner, position, signLength),
            _ => ParseDecimal(scanner, position, signLength),
        };
        reader.Advance(token.Length);
        return value;
    }

    private static TomlInteger ParseRadix(NumberScanner scanner, TomlPosition position, int signLength)
    {
        var (radix, name) = scanner.Token[signLength + 1] switch
        {
            'x' => (16, "a hexadecimal"),
            'o' => (8, "an octal"),
            _ => (2, "a binary"),
        };
        if (signLength > 0)
            throw scanner.ErrorAt(0, $"{name} integer cannot have a sign");
        var end = scanner.ScanDigits(2, radix, $"{name} digit after '0{scanner.Token[1]}'");
        scanner.ExpectEnd(end);
        ulong magnitude = 0;
        foreach (var c in scanner.Token[2..])
        {
            if (c == '_')
                continue;
            if (magnitude > ((ulong)long.MaxValue - (ulong)DigitValue(c)) / (ulong)radix)
                throw scanner.ErrorAt(0, $"integer {scanner.Token} does not fit in 64 bits");
            magnitude = (magnitude * (ulong)radix) + (ulong)DigitValue(c);
        }

        return new TomlInteger(position, (long)magnitude);
    }

    private static TomlValue ParseDecimal(NumberScanner scanner, TomlPosition position, int signLength)
    {
        var token = scanner.Token;
        var end = scanner.ScanDigits(signLength, 10, "a digit");
        if (token[signLength] == '0' && end > signLength + 1)
            throw scanner.ErrorAt(signLength, "leading zeros are not allowed in a number");
        var isFloat = false;
        if (end < token.Length && token[end] == '.')
        {
            isFloat = true;
            end = scanner.ScanDigits(end + 1, 10, "a digit after the decimal point");
        }

        if (end < token.Length && token[end] is 'e' or 'E')
        {
            isFloat = true;
            var exponent = end + 1 < token.Length && token[end + 1] is '+' or '-' ? end + 2 : end + 1;
            end = scanner.ScanDigits(exponent, 10, "a digit in the exponent");
        }

        scanner.ExpectEnd(end);
        return isFloat ? ToFloat(scanner, position) : ToInteger(scanner, position, signLength);
    }

    private static TomlInteger ToInteger(NumberScanner scanner, TomlPosition position, int signLength)
    {
        var negative = scanner.Token[0] == '-';
        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        ulong magnitude = 0;
        foreach (var c in scanner.Token[signLength..])
        {
            if (c == '_')
                continue;
            if (magnitude > (limit - (ulong)(c - '0')) / 10)
                throw scanner.ErrorAt(0, $"integer {scanner.Token} does not fit in 64 bits");
            magnitude = (magnitude * 10) + (ulong)(c - '0');
        }

        return new TomlInteger(position, negative ? (long)(0 - magnitude) : (long)magnitude);
    }

    private static TomlFloat ToFloat(NumberScanner scanner, TomlPosition position)
    {
        Span<char> digits = stackalloc char[Math.Min(scanner.Token.Length, 256)];
        var text = scanner.Token.Length <= digits.Length ? digits : new char[scanner.Token.Length];
        var length = 0;
        foreach (var c in scanner.Token)
        {
            if (c != '_')
                text[length++] = c;
        }

        var value = double.Parse(text[..length], NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
            throw scanner.ErrorAt(0, $"float {scanner.Token} is too large for 64 bits");
        return new TomlFloat(position, value);
    }

    private static int DigitValue(char c) => c switch
    {
        <= '9' => c - '0',
        <= 'F' => c - 'A' + 10,
        _ => c - 'a' + 10,
    };
}
