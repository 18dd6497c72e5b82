namespace ReplicationManager.MariaDb;

/// <summary>Protocol capabilities; the low 32 bits are MySQL's, the high 32 bits MariaDB's extended ones.</summary>
[Flags]
#pragma warning disable CA1028 // The protocol defines these as a 64-bit field.
public enum MariaDbCapabilities : ulong
#pragma warning restore CA1028
{
    /// <summary>No capability.</summary>
    None = 0,

    /// <summary>CLIENT_MYSQL / CLIENT_LONG_PASSWORD: a MariaDB server that clears it sends extended capabilities.</summary>
    ClientMySql = 1,

    /// <summary>CLIENT_FOUND_ROWS: affected rows counts found rows, not changed rows.</summary>
    FoundRows = 1 << 1,

    /// <summary>CLIENT_LONG_FLAG: longer column flags.</summary>
    LongFlag = 1 << 2,

    /// <summary>CLIENT_CONNECT_WITH_DB: a database name in the handshake response.</summary>
    ConnectWithDatabase = 1 << 3,

    /// <summary>CLIENT_COMPRESS: compressed protocol (not used).</summary>
    Compress = 1 << 5,

    /// <summary>CLIENT_LOCAL_FILES: LOAD DATA LOCAL (never requested).</summary>
    LocalFiles = 1 << 7,

    /// <summary>CLIENT_PROTOCOL_41: the 4.1 protocol.</summary>
    Protocol41 = 1 << 9,

    /// <summary>CLIENT_INTERACTIVE: interactive_timeout instead of wait_timeout.</summary>
    Interactive = 1 << 10,

    /// <summary>CLIENT_SSL: TLS upgrade after the SSLRequest packet.</summary>
    Ssl = 1 << 11,

    /// <summary>CLIENT_TRANSACTIONS: transaction status in OK packets.</summary>
    Transactions = 1 << 13,

    /// <summary>CLIENT_SECURE_CONNECTION: 20-byte scramble authentication.</summary>
    SecureConnection = 1 << 15,

    /// <summary>CLIENT_MULTI_STATEMENTS: several statements in one COM_QUERY.</summary>
    MultiStatements = 1 << 16,

    /// <summary>CLIENT_MULTI_RESULTS: several result sets per command.</summary>
    MultiResults = 1 << 17,

    /// <summary>CLIENT_PS_MULTI_RESULTS: several result sets from prepared statements.</summary>
    PreparedStatementMultiResults = 1 << 18,

    /// <summary>CLIENT_PLUGIN_AUTH: pluggable authentication and the auth switch request.</summary>
    PluginAuth = 1 << 19,

    /// <summary>CLIENT_CONNECT_ATTRS: connection attributes in the handshake response.</summary>
    ConnectAttributes = 1 << 20,

    /// <summary>CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA: a length-encoded authentication response.</summary>
    PluginAuthLengthEncodedClientData = 1 << 21,

    /// <summary>CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS.</summary>
    CanHandleExpiredPasswords = 1 << 22,

    /// <summary>CLIENT_SESSION_TRACK: session state changes in OK packets (not requested).</summary>
    SessionTrack = 1 << 23,

    /// <summary>CLIENT_DEPRECATE_EOF: result sets end with an OK packet instead of EOF packets.</summary>
    DeprecateEof = 1 << 24,

    /// <summary>CLIENT_SSL_VERIFY_SERVER_CERT (client-side flag only).</summary>
    SslVerifyServerCertificate = 1 << 30,

    /// <summary>CLIENT_REMEMBER_OPTIONS (client-side flag only).</summary>
    RememberOptions = 1UL << 31,

    /// <summary>MARIADB_CLIENT_PROGRESS: progress reports (not requested).</summary>
    MariaDbProgress = 1UL << 32,

    /// <summary>MARIADB_CLIENT_COM_MULTI.</summary>
    MariaDbComMulti = 1UL << 33,

    /// <summary>MARIADB_CLIENT_STMT_BULK_OPERATIONS.</summary>
    MariaDbBulkOperations = 1UL << 34,

    /// <summary>MARIADB_CLIENT_EXTENDED_METADATA: column definitions name data types such as uuid, inet6 and json.</summary>
    MariaDbExtendedMetadata = 1UL << 35,

    /// <summary>MARIADB_CLIENT_CACHE_METADATA (prepared statements only; not requested).</summary>
    MariaDbCacheMetadata = 1UL << 36,
}
