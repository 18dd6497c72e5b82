namespace ReplicationManager.Toml.Parsing;

/// <summary>Reads the RFC 3339 forms TOML allows: offset and local date-times, local dates and local times.</summary>
internal static class DateTimeParser
{
    /// <summary>Whether the reader is at <c>YYYY-</c>, the start of a date.</summary>
    public static bool AtDate(SourceReader reader) =>
        CharClass.IsDigit(reader.Peek()) && CharClass.IsDigit(reader.Peek(1)) && CharClass.IsDigit(reader.Peek(2))
        && CharClass.IsDigit(reader.Peek(3)) && reader.Peek(4) == '-';

    /// <summary>Whether the reader is at <c>HH:</c>, the start of a time.</summary>
    public static bool AtTime(SourceReader reader) =>
        CharClass.IsDigit(reader.Peek()) && CharClass.IsDigit(reader.Peek(1)) && reader.Peek(2) == ':';

    public static TomlValue ParseDateOrDateTime(SourceReader reader)
    {
        var position = reader.Position;
        var date = ReadDate(reader);
        var separator = reader.Peek();
        if (CharClass.IsDigit(separator))
            throw reader.Error($"expected 'T' or a space between the date and the time, found {reader.Describe()}");
        if (separator is not ('T' or 't') && !(separator == ' ' && CharClass.IsDigit(reader.Peek(1))))
            return new TomlLocalDate(position, date);
        reader.Advance();
        var time = ReadTime(reader);
        var offsetStart = reader.Index;
        switch (reader.Peek())
        {
            case 'Z' or 'z':
                reader.Advance();
                return new TomlOffsetDateTime(position, date, time, TimeSpan.Zero, "Z");
            case '+' or '-':
                var offset = ReadOffset(reader);
                return new TomlOffsetDateTime(position, date, time, offset, reader.Slice(offsetStart, reader.Index));
            default:
                return new TomlLocalDateTime(position, date, time);
        }
    }

    public static TomlLocalTime ParseTime(SourceReader reader)
    {
        var position = reader.Position;
        return new TomlLocalTime(position, ReadTime(reader));
    }

    private static TomlDate ReadDate(SourceReader reader)
    {
        var year = ReadDigits(reader, 4, "year");
        Expect(reader, '-', "between year and month");
        var monthIndex = reader.Index;
        var month = ReadDigits(reader, 2, "month");
        Expect(reader, '-', "between month and day");
        var dayIndex = reader.Index;
        var day = ReadDigits(reader, 2, "day");
        if (month is < 1 or > 12)
            throw reader.ErrorAt(monthIndex, $"month {month:D2} does not exist; months are 01 to 12");
        if (day < 1 || day > DaysInMonth(year, month))
            throw reader.ErrorAt(dayIndex, $"day {day:D2} does not exist in {year:D4}-{month:D2}");
        return new TomlDate(year, month, day);
    }

    private static TomlTime ReadTime(SourceReader reader)
    {
        var start = reader.Index;
        var hour = ReadDigits(reader, 2, "hour");
        Expect(reader, ':', "between hour and minute");
        var minute = ReadDigits(reader, 2, "minute");
        if (reader.Peek() != ':')
            throw reader.Error($"expected ':' and seconds after the minute, found {reader.Describe()}; TOML 1.0 times need seconds");
        reader.Advance();
        var second = ReadDigits(reader, 2, "second");
        var fraction = string.Empty;
        if (reader.Peek() == '.')
        {
            reader.Advance();
            var length = reader.Remaining.IndexOfAnyExceptInRange('0', '9');
            length = length < 0 ? reader.Remaining.Length : length;
            if (length == 0)
                throw reader.Error($"expected a digit after the decimal point of the seconds, found {reader.Describe()}");
            fraction = reader.Slice(reader.Index, reader.Index + length);
            reader.Advance(length);
        }

        if (hour > 23)
            throw reader.ErrorAt(start, $"hour {hour:D2} does not exist; hours are 00 to 23");
        if (minute > 59)
            throw reader.ErrorAt(start + 3, $"minute {minute:D2} does not exist; minutes are 00 to 59");
        if (second > 60)
            throw reader.ErrorAt(start + 6, $"second {second:D2} does not exist; seconds are 00 to 60 (60 for a leap second)");
        return new TomlTime(hour, minute, second, fraction);
    }

    private static TimeSpan ReadOffset(SourceReader reader)
    {
        var start = reader.Index;
        var negative = reader.Peek() == '-';
        reader.Advance();
        var hours = ReadDigits(reader, 2, "offset hours");
        Expect(reader, ':', "between offset hours and minutes");
        var minutes = ReadDigits(reader, 2, "offset minutes");
        if (hours > 23 || minutes > 59)
            throw reader.ErrorAt(start, $"offset {reader.Slice(start, reader.Index)} does not exist; offsets are -23:59 to +23:59");
        var offset = new TimeSpan(hours, minutes, 0);
        return negative ? -offset : offset;
    }

    private static int ReadDigits(SourceReader reader, int count, string what)
    {
        var value = 0;
        for (var i = 0; i < count; i++)
        {
            var c = reader.Peek(i);
            if (!CharClass.IsDigit(c))
                throw reader.ErrorAt(reader.Index + i, $"expected {count} digits for the {what}, found {reader.Describe(i)}");
            value = (value * 10) + (c - '0');
        }

        reader.Advance(count);
        return value;
    }

    private static void Expect(SourceReader reader, char expected, string where)
    {
        if (reader.Peek() != expected)
            throw reader.Error($"expected '{expected}' {where}, found {reader.Describe()}");
        reader.Advance();
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };
}
