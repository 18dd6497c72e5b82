namespace ReplicationManager.MariaDb.Values;

/// <summary>
/// <see cref="MariaDbValue.Get{T}"/>: picks the typed getter for <typeparamref name="T"/> or its nullable form.
/// The type tests are JIT-time constants, so each instantiation compiles down to one getter.
/// </summary>
internal static class GenericConversion
{
    public static T To<T>(MariaDbValue value)
    {
        if (typeof(T) == typeof(string))
            return (T)(object)value.GetString();
        if (typeof(T) == typeof(long) || typeof(T) == typeof(long?))
            return (T)(object)value.GetInt64();
        if (typeof(T) == typeof(int) || typeof(T) == typeof(int?))
            return (T)(object)value.GetInt32();
        if (typeof(T) == typeof(ulong) || typeof(T) == typeof(ulong?))
            return (T)(object)value.GetUInt64();
        if (typeof(T) == typeof(uint) || typeof(T) == typeof(uint?))
            return (T)(object)value.GetUInt32();
        if (typeof(T) == typeof(short) || typeof(T) == typeof(short?))
            return (T)(object)value.GetInt16();
        if (typeof(T) == typeof(ushort) || typeof(T) == typeof(ushort?))
            return (T)(object)value.GetUInt16();
        if (typeof(T) == typeof(sbyte) || typeof(T) == typeof(sbyte?))
            return (T)(object)value.GetSByte();
        if (typeof(T) == typeof(byte) || typeof(T) == typeof(byte?))
            return (T)(object)value.GetByte();
        if (typeof(T) == typeof(bool) || typeof(T) == typeof(bool?))
            return (T)(object)value.GetBoolean();
        if (typeof(T) == typeof(decimal) || typeof(T) == typeof(decimal?))
            return (T)(object)value.GetDecimal();
        if (typeof(T) == typeof(double) || typeof(T) == typeof(double?))
            return (T)(object)value.GetDouble();
        if (typeof(T) == typeof(float) || typeof(T) == typeof(float?))
            return (T)(object)value.GetSingle();
        if (typeof(T) == typeof(DateTime) || typeof(T) == typeof(DateTime?))
            return (T)(object)value.GetDateTime();
        if (typeof(T) == typeof(DateOnly) || typeof(T) == typeof(DateOnly?))
            return (T)(object)value.GetDateOnly();
        if (typeof(T) == typeof(TimeSpan) || typeof(T) == typeof(TimeSpan?))
            return (T)(object)value.GetTimeSpan();
        if (typeof(T) == typeof(Guid) || typeof(T) == typeof(Guid?))
            return (T)(object)value.GetGuid();
        if (typeof(T) == typeof(byte[]))
            return (T)(object)value.GetBytes();
        if (typeof(T) == typeof(object))
            return (T)value.GetValue()!;
        throw new InvalidCastException($"cannot read column '{value.Column.Name}' as {typeof(T)}");
    }
}
