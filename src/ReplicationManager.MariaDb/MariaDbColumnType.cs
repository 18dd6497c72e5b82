namespace ReplicationManager.MariaDb;

/// <summary>The protocol's column type (MYSQL_TYPE_*); ENUM and SET arrive as <see cref="String"/> with a flag.</summary>
#pragma warning disable CA1720 // The members mirror the protocol's MYSQL_TYPE_* names, some of which are .NET type names.
public enum MariaDbColumnType
{
    /// <summary>Old DECIMAL.</summary>
    Decimal = 0,

    /// <summary>TINYINT.</summary>
    Tiny = 1,

    /// <summary>SMALLINT.</summary>
    Short = 2,

    /// <summary>INT.</summary>
    Long = 3,

    /// <summary>FLOAT.</summary>
    Float = 4,

    /// <summary>DOUBLE.</summary>
    Double = 5,

    /// <summary>The type of a NULL literal.</summary>
    Null = 6,

    /// <summary>TIMESTAMP.</summary>
    Timestamp = 7,

    /// <summary>BIGINT.</summary>
    LongLong = 8,

    /// <summary>MEDIUMINT.</summary>
    Int24 = 9,

    /// <summary>DATE.</summary>
    Date = 10,

    /// <summary>TIME.</summary>
    Time = 11,

    /// <summary>DATETIME.</summary>
    DateTime = 12,

    /// <summary>YEAR.</summary>
    Year = 13,

    /// <summary>NEWDATE (internal).</summary>
    NewDate = 14,

    /// <summary>VARCHAR.</summary>
    VarChar = 15,

    /// <summary>BIT: the value is raw big-endian bytes.</summary>
    Bit = 16,

    /// <summary>TIMESTAMP with fractional seconds (internal).</summary>
    Timestamp2 = 17,

    /// <summary>DATETIME with fractional seconds (internal).</summary>
    DateTime2 = 18,

    /// <summary>TIME with fractional seconds (internal).</summary>
    Time2 = 19,

    /// <summary>MySQL's JSON (MariaDB sends JSON as a LONGTEXT <see cref="Blob"/>).</summary>
    Json = 245,

    /// <summary>DECIMAL / NUMERIC.</summary>
    NewDecimal = 246,

    /// <summary>ENUM (internal; sent as <see cref="String"/>).</summary>
    Enum = 247,

    /// <summary>SET (internal; sent as <see cref="String"/>).</summary>
    Set = 248,

    /// <summary>TINYBLOB / TINYTEXT.</summary>
    TinyBlob = 249,

    /// <summary>MEDIUMBLOB / MEDIUMTEXT.</summary>
    MediumBlob = 250,

    /// <summary>LONGBLOB / LONGTEXT.</summary>
    LongBlob = 251,

    /// <summary>BLOB / TEXT.</summary>
    Blob = 252,

    /// <summary>VARCHAR / VARBINARY, and UUID and INET6 on MariaDB.</summary>
    VarString = 253,

    /// <summary>CHAR / BINARY, ENUM and SET.</summary>
    String = 254,

    /// <summary>GEOMETRY: a 4-byte SRID and WKB bytes.</summary>
    Geometry = 255,
}
#pragma warning restore CA1720
