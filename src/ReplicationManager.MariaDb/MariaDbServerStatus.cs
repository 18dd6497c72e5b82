namespace ReplicationManager.MariaDb;

/// <summary>Server status flags, as reported by the latest OK or EOF packet.</summary>
[Flags]
#pragma warning disable CA1028 // The protocol defines these as a 16-bit field.
public enum MariaDbServerStatus : ushort
#pragma warning restore CA1028
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>A transaction is open.</summary>
    InTransaction = 1,

    /// <summary>autocommit is on.</summary>
    AutoCommit = 1 << 1,

    /// <summary>Another result follows this one.</summary>
    MoreResultsExist = 1 << 3,

    /// <summary>The query used no good index.</summary>
    NoGoodIndexUsed = 1 << 4,

    /// <summary>The query used no index.</summary>
    NoIndexUsed = 1 << 5,

    /// <summary>A cursor is open (prepared statements).</summary>
    CursorExists = 1 << 6,

    /// <summary>The last row of a cursor was sent.</summary>
    LastRowSent = 1 << 7,

    /// <summary>The current database was dropped.</summary>
    DatabaseDropped = 1 << 8,

    /// <summary>sql_mode has NO_BACKSLASH_ESCAPES: string literals are escaped by doubling quotes only.</summary>
    NoBackslashEscapes = 1 << 9,

    /// <summary>Result set metadata changed (prepared statements).</summary>
    MetadataChanged = 1 << 10,

    /// <summary>The query was logged as slow.</summary>
    QueryWasSlow = 1 << 11,

    /// <summary>The result holds OUT parameters of a procedure.</summary>
    OutParameters = 1 << 12,

    /// <summary>The open transaction is read-only.</summary>
    InReadOnlyTransaction = 1 << 13,

    /// <summary>Session state changed (session tracking).</summary>
    SessionStateChanged = 1 << 14,
}
