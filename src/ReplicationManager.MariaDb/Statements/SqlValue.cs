using System.Runtime.CompilerServices;

namespace ReplicationManager.MariaDb.Statements;

/// <summary>
/// One piece of a <see cref="SqlStatement"/>: trusted text or a parameter value, kept unboxed for the common types
/// and checked when the statement is built, so that sending it cannot fail on a bad value.
/// </summary>
internal readonly struct SqlValue
{
    private SqlValue(SqlValueKind kind, long bits, object? reference)
    {
        Kind = kind;
        Bits = bits;
        Reference = reference;
    }

    public SqlValueKind Kind { get; }

    /// <summary>The scalar: an integer, the bits of a float or double, ticks, or a day number.</summary>
    public long Bits { get; }

    /// <summary>The text, bytes, boxed decimal or nested statement.</summary>
    public object? Reference { get; }

    public static SqlValue Raw(string text) => new(SqlValueKind.Raw, 0, text);

    public static SqlValue From<T>(T value)
    {
        if (typeof(T) == typeof(int))
            return Int(Unsafe.As<T, int>(ref value));
        if (typeof(T) == typeof(long))
            return Int(Unsafe.As<T, long>(ref value));
        if (typeof(T) == typeof(short))
            return Int(Unsafe.As<T, short>(ref value));
        if (typeof(T) == typeof(sbyte))
            return Int(Unsafe.As<T, sbyte>(ref value));
        if (typeof(T) == typeof(byte))
            return Int(Unsafe.As<T, byte>(ref value));
        if (typeof(T) == typeof(ushort))
            return Int(Unsafe.As<T, ushort>(ref value));
        if (typeof(T) == typeof(uint))
            return Int(Unsafe.As<T, uint>(ref value));
        if (typeof(T) == typeof(ulong))
            return new(SqlValueKind.UInt64, unchecked((long)Unsafe.As<T, ulong>(ref value)), null);
        if (typeof(T) == typeof(bool))
            return new(SqlValueKind.Boolean, Unsafe.As<T, bool>(ref value) ? 1 : 0, null);
        if (typeof(T) == typeof(double))
            return Double(Unsafe.As<T, double>(ref value));
        if (typeof(T) == typeof(float))
            return Single(Unsafe.As<T, float>(ref value));
        if (typeof(T) == typeof(DateTime))
            return new(SqlValueKind.DateTime, Unsafe.As<T, DateTime>(ref value).Ticks, null);
        if (typeof(T) == typeof(DateOnly))
            return new(SqlValueKind.DateOnly, Unsafe.As<T, DateOnly>(ref value).DayNumber, null);
        if (typeof(T) == typeof(TimeSpan))
            return new(SqlValueKind.Time, Unsafe.As<T, TimeSpan>(ref value).Ticks, null);
        if (typeof(T) == typeof(TimeOnly))
            return new(SqlValueKind.Time, Unsafe.As<T, TimeOnly>(ref value).Ticks, null);
        if (typeof(T).IsEnum)
            return Enum(value!);
        return FromObject(value);
    }

    private static SqlValue FromObject(object? value) => value switch
    {
        null => new(SqlValueKind.Null, 0, null),
        string text => new(SqlValueKind.String, 0, text),
        byte[] bytes => new(SqlValueKind.Bytes, 0, bytes),
        SqlRaw raw => Raw(raw.Text),
        SqlIdentifier identifier => new(SqlValueKind.Identifier, 0, identifier.Quoted),
        SqlStatement statement => new(SqlValueKind.Statement, 0, statement.Freeze()),
        ReadOnlyMemory<byte> bytes => new(SqlValueKind.Bytes, 0, bytes.ToArray()),
        Memory<byte> bytes => new(SqlValueKind.Bytes, 0, bytes.ToArray()),
        decimal number => new(SqlValueKind.Decimal, 0, number),
        char c => new(SqlValueKind.String, 0, c.ToString()),
        Guid guid => new(SqlValueKind.String, 0, guid.ToString("D")),
        int or long or short or sbyte or byte or ushort or uint => Int(Convert.ToInt64(value, null)),
        ulong number => From(number),
        bool flag => From(flag),
        double number => Double(number),
        float number => Single(number),
        DateTime time => From(time),
        DateOnly date => From(date),
        TimeSpan time => From(time),
        TimeOnly time => From(time),
        System.Enum => Enum(value),
        DateTimeOffset => throw new ArgumentException(
            "a DateTimeOffset cannot be a SQL parameter: DATETIME has no offset; pass .UtcDateTime or .DateTime explicitly"),
        _ => throw new ArgumentException(
            $"a value of type {value.GetType()} cannot be a SQL parameter; use a string, number, bool, byte[], date or time " +
            "type, Guid, enum, Sql.Identifier or Sql.Raw"),
    };

    private static SqlValue Int(long value) => new(SqlValueKind.Int64, value, null);

    private static SqlValue Double(double value) =>
        double.IsFinite(value)
            ? new(SqlValueKind.Double, BitConverter.DoubleToInt64Bits(value), null)
            : throw new ArgumentException($"{value} cannot be a SQL parameter: MariaDB has no literal for it");

    private static SqlValue Single(float value) =>
        float.IsFinite(value)
            ? new(SqlValueKind.Single, BitConverter.SingleToInt32Bits(value), null)
            : throw new ArgumentException($"{value} cannot be a SQL parameter: MariaDB has no literal for it");

    private static SqlValue Enum(object value) =>
        Type.GetTypeCode(value.GetType()) is TypeCode.Byte or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64
            ? new(SqlValueKind.UInt64, unchecked((long)Convert.ToUInt64(value, null)), null)
            : Int(Convert.ToInt64(value, null));
}
