namespace ReplicationManager.MariaDb.Statements;

/// <summary>What a piece of a <see cref="SqlStatement"/> holds, and so how it is written into the query text.</summary>
internal enum SqlValueKind : byte
{
    /// <summary>Trusted SQL text (the literal parts, <see cref="Sql.Raw"/>), written as is.</summary>
    Raw,

    /// <summary>An identifier, written in backticks.</summary>
    Identifier,

    /// <summary>A nested statement, spliced in with its own parameters.</summary>
    Statement,

    /// <summary>NULL.</summary>
    Null,

    /// <summary>A string, written as an escaped quoted literal.</summary>
    String,

    /// <summary>Bytes, written as a hex literal X'..'.</summary>
    Bytes,

    /// <summary>A boolean, written as 1 or 0.</summary>
    Boolean,

    /// <summary>A signed integer (also enums).</summary>
    Int64,

    /// <summary>An unsigned integer (also enums).</summary>
    UInt64,

    /// <summary>A double, written in round-trip form.</summary>
    Double,

    /// <summary>A float, written in round-trip form.</summary>
    Single,

    /// <summary>A decimal.</summary>
    Decimal,

    /// <summary>A DateTime, written as 'YYYY-MM-DD HH:MM:SS[.ffffff]'.</summary>
    DateTime,

    /// <summary>A DateOnly, written as 'YYYY-MM-DD'.</summary>
    DateOnly,

    /// <summary>A TimeOnly or TimeSpan, written as '[-]HH:MM:SS[.ffffff]'.</summary>
    Time,
}
