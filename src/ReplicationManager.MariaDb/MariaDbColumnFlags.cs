namespace ReplicationManager.MariaDb;

/// <summary>Column definition flags.</summary>
[Flags]
#pragma warning disable CA1711, CA1720 // "Column flags" and UNSIGNED are the protocol's own names.
public enum MariaDbColumnFlags
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>NOT NULL.</summary>
    NotNull = 1,

    /// <summary>Part of the primary key.</summary>
    PrimaryKey = 1 << 1,

    /// <summary>Part of a unique key.</summary>
    UniqueKey = 1 << 2,

    /// <summary>Part of a non-unique key.</summary>
    MultipleKey = 1 << 3,

    /// <summary>A BLOB or TEXT.</summary>
    Blob = 1 << 4,

    /// <summary>UNSIGNED.</summary>
    Unsigned = 1 << 5,

    /// <summary>ZEROFILL.</summary>
    ZeroFill = 1 << 6,

    /// <summary>A binary string.</summary>
    Binary = 1 << 7,

    /// <summary>An ENUM.</summary>
    Enum = 1 << 8,

    /// <summary>AUTO_INCREMENT.</summary>
    AutoIncrement = 1 << 9,

    /// <summary>A TIMESTAMP.</summary>
    Timestamp = 1 << 10,

    /// <summary>A SET.</summary>
    Set = 1 << 11,

    /// <summary>No default value.</summary>
    NoDefaultValue = 1 << 12,

    /// <summary>ON UPDATE CURRENT_TIMESTAMP.</summary>
    OnUpdateNow = 1 << 13,

    /// <summary>A number.</summary>
    Number = 1 << 15,
}
#pragma warning restore CA1711, CA1720
