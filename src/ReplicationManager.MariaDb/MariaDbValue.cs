using System.Buffers.Text;
using System.Numerics;
using System.Text;
using ReplicationManager.MariaDb.Values;

namespace ReplicationManager.MariaDb;

/// <summary>
/// One value of a row, decoded on demand by the typed getters. A value read from a <see cref="MariaDbDataReader"/>
/// is valid until the reader moves on; one from a <see cref="MariaDbRow"/> lives as long as the row.
/// Getters throw <see cref="InvalidCastException"/> for NULL or for text that is not of the asked type;
/// <see cref="Get{T}"/> with a nullable type returns null for NULL.
/// </summary>
public readonly struct MariaDbValue : IEquatable<MariaDbValue>
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly bool _isNull;
    private readonly MariaDbZeroDateHandling _zeroDates;

    internal MariaDbValue(ReadOnlyMemory<byte> data, bool isNull, MariaDbColumn column, MariaDbZeroDateHandling zeroDates)
    {
        _data = data;
        _isNull = isNull;
        Column = column;
        _zeroDates = zeroDates;
    }

    /// <summary>The column this value belongs to.</summary>
    public MariaDbColumn Column { get; }

    /// <summary>SQL NULL (or a zero date, when the connection reads zero dates as NULL).</summary>
    public bool IsNull => _isNull || (_zeroDates == MariaDbZeroDateHandling.Null && IsZeroDate);

    /// <summary>The value as sent: UTF-8 text, or bytes for binary and BIT columns. Empty for NULL.</summary>
    public ReadOnlySpan<byte> Raw => _data.Span;

    /// <summary>A DATE, DATETIME or TIMESTAMP with a zero year, month or day, such as <c>0000-00-00</c>.</summary>
    public bool IsZeroDate => !_isNull && IsTemporalDate && TextTemporal.IsZeroDate(_data.Span);

    public string GetString() => Encoding.UTF8.GetString(NotNull());

    public byte[] GetBytes() => NotNull().ToArray();

    public bool GetBoolean() => Column.Type == MariaDbColumnType.Bit ? GetUInt64() != 0 : GetInt64() != 0;

    public sbyte GetSByte() => Narrow<sbyte>(GetInt64());

    public byte GetByte() => Narrow<byte>(GetUInt64());

    public short GetInt16() => Narrow<short>(GetInt64());

    public ushort GetUInt16() => Narrow<ushort>(GetUInt64());

    public int GetInt32() => Narrow<int>(GetInt64());

    public uint GetUInt32() => Narrow<uint>(GetUInt64());

    public long GetInt64()
    {
        if (Column.Type == MariaDbColumnType.Bit)
            return GetUInt64() <= long.MaxValue ? (long)GetUInt64() : throw Invalid("an Int64");
        var text = NotNull();
        if (TextNumber.TryParseInt64(text, out var value))
            return value;
        return TextNumber.TryParseDecimal(text, out var number) && decimal.Truncate(number) == number
            && number is >= long.MinValue and <= long.MaxValue
            ? (long)number
            : throw Invalid("an Int64");
    }

    public ulong GetUInt64()
    {
        var text = NotNull();
        if (Column.Type == MariaDbColumnType.Bit)
            return TextNumber.TryReadBit(text, out var bits) ? bits : throw Invalid("a UInt64");
        if (TextNumber.TryParseUInt64(text, out var value))
            return value;
        return TextNumber.TryParseDecimal(text, out var number) && decimal.Truncate(number) == number
            && number is >= 0 and <= ulong.MaxValue
            ? (ulong)number
            : throw Invalid("a UInt64");
    }

    public decimal GetDecimal() => TextNumber.TryParseDecimal(NotNull(), out var value) ? value : throw Invalid("a Decimal");

    public double GetDouble() => TextNumber.TryParseDouble(NotNull(), out var value) ? value : throw Invalid("a Double");

    public float GetSingle() => TextNumber.TryParseSingle(NotNull(), out var value) ? value : throw Invalid("a Single");

    /// <summary>A DATE, DATETIME or TIMESTAMP (kind Unspecified: the server's time zone); a zero date is <see cref="DateTime.MinValue"/>.</summary>
    public DateTime GetDateTime()
    {
        var text = NotNull();
        if (TextTemporal.TryParseDateTime(text, out var value))
            return value;
        return IsZeroDate ? DateTime.MinValue : throw Invalid("a DateTime");
    }

    public DateOnly GetDateOnly() => DateOnly.FromDateTime(GetDateTime());

    /// <summary>A TIME, which may be negative or longer than a day (-838:59:59 to 838:59:59).</summary>
    public TimeSpan GetTimeSpan() => TextTemporal.TryParseTime(NotNull(), out var value) ? value : throw Invalid("a TimeSpan");

    /// <summary>A UUID written as text (MariaDB's UUID type, or CHAR(36)).</summary>
    public Guid GetGuid()
    {
        var text = NotNull();
        return Utf8Parser.TryParse(text, out Guid value, out var consumed, text.Length == 32 ? 'N' : 'D') && consumed == text.Length
            ? value
            : throw Invalid("a Guid");
    }

    /// <summary>
    /// The value in its natural .NET type: long or ulong (integers), decimal, float, double, DateTime, TimeSpan (TIME),
    /// int (YEAR), ulong (BIT), byte[] (binary columns and GEOMETRY), else string; null for NULL.
    /// </summary>
    public object? GetValue() => IsNull ? null : NaturalValue.Of(this);

    /// <summary>
    /// Converts to <typeparamref name="T"/>: any type that has a getter here, its nullable form (null for NULL),
    /// or object (see <see cref="GetValue"/>).
    /// </summary>
    public T Get<T>()
    {
        if (default(T) is null && IsNull)
            return default!;
        return GenericConversion.To<T>(this);
    }

    public bool Equals(MariaDbValue other) =>
        IsNull == other.IsNull && Column.Type == other.Column.Type && Raw.SequenceEqual(other.Raw);

    public override bool Equals(object? obj) => obj is MariaDbValue other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Raw);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        IsNull ? "NULL" : Column.IsBinary || Column.Type == MariaDbColumnType.Bit ? $"0x{Convert.ToHexString(Raw)}" : GetString();

    public static bool operator ==(MariaDbValue left, MariaDbValue right) => left.Equals(right);

    public static bool operator !=(MariaDbValue left, MariaDbValue right) => !left.Equals(right);

    private bool IsTemporalDate => Column.Type is MariaDbColumnType.Date or MariaDbColumnType.DateTime or MariaDbColumnType.Timestamp
        or MariaDbColumnType.NewDate or MariaDbColumnType.DateTime2 or MariaDbColumnType.Timestamp2;

    private ReadOnlySpan<byte> NotNull() =>
        !IsNull ? _data.Span : throw new InvalidCastException(
            $"column '{Column.Name}' is NULL; check IsNull or read a nullable type with Get<T?>()");

    private TNarrow Narrow<TNarrow>(long value) where TNarrow : struct, INumberBase<TNarrow>
    {
        var narrowed = TNarrow.CreateTruncating(value);
        return long.CreateTruncating(narrowed) == value ? narrowed : throw Invalid($"a {typeof(TNarrow).Name}");
    }

    private TNarrow Narrow<TNarrow>(ulong value) where TNarrow : struct, INumberBase<TNarrow>
    {
        var narrowed = TNarrow.CreateTruncating(value);
        return ulong.CreateTruncating(narrowed) == value ? narrowed : throw Invalid($"a {typeof(TNarrow).Name}");
    }

    internal InvalidCastException Invalid(string wanted)
    {
        var shown = Raw.Length > 64 ? $"{Encoding.UTF8.GetString(Raw[..64])}..." : Encoding.UTF8.GetString(Raw);
        return new InvalidCastException($"column '{Column.Name}' ({Column.Type}) value '{shown}' is not {wanted}");
    }
}
