namespace ReplicationManager.MariaDb;

/// <summary>
/// How a "zero" date such as <c>0000-00-00</c> (or one with a zero month or day) in a DATE, DATETIME or TIMESTAMP
/// column is read; .NET has no such date.
/// </summary>
public enum MariaDbZeroDateHandling
{
    /// <summary>Read it as <see cref="DateTime.MinValue"/> (and <see cref="DateOnly.MinValue"/>).</summary>
    MinValue,

    /// <summary>Read it as NULL: <see cref="MariaDbValue.IsNull"/> is true.</summary>
    Null,
}
