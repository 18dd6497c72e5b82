namespace ReplicationManager.MariaDb.Values;

/// <summary>The .NET type a column's values naturally map to, for <see cref="MariaDbValue.GetValue"/>.</summary>
internal static class NaturalValue
{
    public static object Of(MariaDbValue value) => value.Column.Type switch
    {
        MariaDbColumnType.Tiny or MariaDbColumnType.Short or MariaDbColumnType.Int24 or MariaDbColumnType.Long
            or MariaDbColumnType.LongLong => value.Column.IsUnsigned ? value.GetUInt64() : value.GetInt64(),
        MariaDbColumnType.Year => value.GetInt32(),
        MariaDbColumnType.Bit => value.GetUInt64(),
        MariaDbColumnType.Decimal or MariaDbColumnType.NewDecimal => TextNumber.TryParseDecimal(value.Raw, out var number)
            ? number
            : value.GetString(),
        MariaDbColumnType.Float => value.GetSingle(),
        MariaDbColumnType.Double => value.GetDouble(),
        MariaDbColumnType.Date or MariaDbColumnType.NewDate or MariaDbColumnType.DateTime or MariaDbColumnType.DateTime2
            or MariaDbColumnType.Timestamp or MariaDbColumnType.Timestamp2 => value.GetDateTime(),
        MariaDbColumnType.Time or MariaDbColumnType.Time2 => value.GetTimeSpan(),
        MariaDbColumnType.Geometry => value.GetBytes(),
        _ when value.Column.IsBinary => value.GetBytes(),
        _ => value.GetString(),
    };
}
