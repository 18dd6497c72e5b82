namespace ReplicationManager.MariaDb;

/// <summary>One column of a result set, as described by the server's column definition packet.</summary>
public sealed class MariaDbColumn
{
    /// <summary>The binary pseudo character set: the column holds bytes, not text.</summary>
    public const int BinaryCharacterSet = 63;

    internal MariaDbColumn(
        int ordinal, string name, string originalName, string table, string originalTable, string schema,
        int characterSetId, long length, MariaDbColumnType type, MariaDbColumnFlags flags, int decimals,
        string? dataTypeName, string? format)
    {
        Ordinal = ordinal;
        Name = name;
        OriginalName = originalName;
        Table = table;
        OriginalTable = originalTable;
        Schema = schema;
        CharacterSetId = characterSetId;
        Length = length;
        Type = type;
        Flags = flags;
        Decimals = decimals;
        DataTypeName = dataTypeName;
        Format = format;
    }

    /// <summary>Position in the result set, from 0.</summary>
    public int Ordinal { get; }

    /// <summary>The column's name or alias in the result.</summary>
    public string Name { get; }

    /// <summary>The column's name in its table, or empty for an expression.</summary>
    public string OriginalName { get; }

    /// <summary>The table's name or alias in the query.</summary>
    public string Table { get; }

    /// <summary>The table's real name.</summary>
    public string OriginalTable { get; }

    /// <summary>The table's database.</summary>
    public string Schema { get; }

    /// <summary>The collation id of the column's values (63 for binary).</summary>
    public int CharacterSetId { get; }

    /// <summary>The column's maximum display length in bytes.</summary>
    public long Length { get; }

    /// <summary>The protocol type.</summary>
    public MariaDbColumnType Type { get; }

    /// <summary>Flags such as NOT NULL and UNSIGNED.</summary>
    public MariaDbColumnFlags Flags { get; }

    /// <summary>Digits after the decimal point (or of fractional seconds).</summary>
    public int Decimals { get; }

    /// <summary>MariaDB's own type name when it has one (<c>uuid</c>, <c>inet6</c>, <c>point</c>...), else null.</summary>
    public string? DataTypeName { get; }

    /// <summary>MariaDB's format hint (<c>json</c> for a JSON column), else null.</summary>
    public string? Format { get; }

    /// <summary>UNSIGNED integer or decimal.</summary>
    public bool IsUnsigned => (Flags & MariaDbColumnFlags.Unsigned) != 0;

    /// <summary>
    /// The values are bytes: BINARY, VARBINARY, BLOB, GEOMETRY (a string type in the binary character set; numbers
    /// and dates carry that character set too, but are text).
    /// </summary>
    public bool IsBinary => CharacterSetId == BinaryCharacterSet && Type is MariaDbColumnType.String or MariaDbColumnType.VarString
        or MariaDbColumnType.VarChar or MariaDbColumnType.TinyBlob or MariaDbColumnType.MediumBlob or MariaDbColumnType.LongBlob
        or MariaDbColumnType.Blob or MariaDbColumnType.Geometry;

    public override string ToString() => $"{Name} ({DataTypeName ?? Type.ToString()})";
}
