namespace ReplicationManager.MariaDb;

/// <summary>Server error numbers that repman reacts to; compare with <see cref="MariaDbException.ErrorCode"/>.</summary>
public static class MariaDbErrorCodes
{
    /// <summary>ER_CON_COUNT_ERROR: max_connections reached; the extra port may still accept.</summary>
    public const int TooManyConnections = 1040;

    /// <summary>ER_DBACCESS_DENIED_ERROR: the user may not use the requested database.</summary>
    public const int DatabaseAccessDenied = 1044;

    /// <summary>ER_ACCESS_DENIED_ERROR: wrong user or password.</summary>
    public const int AccessDenied = 1045;

    /// <summary>ER_UNKNOWN_COM_ERROR: the server does not know this protocol command.</summary>
    public const int UnknownCommand = 1047;

    /// <summary>ER_BAD_DB_ERROR: unknown database.</summary>
    public const int UnknownDatabase = 1049;

    /// <summary>ER_SERVER_SHUTDOWN: the server is shutting down.</summary>
    public const int ServerShutdown = 1053;

    /// <summary>ER_DUP_ENTRY: duplicate key.</summary>
    public const int DuplicateEntry = 1062;

    /// <summary>ER_PARSE_ERROR: SQL syntax error.</summary>
    public const int ParseError = 1064;

    /// <summary>ER_NO_SUCH_THREAD: KILL of an unknown connection id.</summary>
    public const int NoSuchThread = 1094;

    /// <summary>ER_HOST_IS_BLOCKED: too many connection errors from this host.</summary>
    public const int HostIsBlocked = 1129;

    /// <summary>ER_HOST_NOT_PRIVILEGED: this host may not connect.</summary>
    public const int HostNotPrivileged = 1130;

    /// <summary>ER_NO_SUCH_TABLE: unknown table.</summary>
    public const int NoSuchTable = 1146;

    /// <summary>ER_UNKNOWN_SYSTEM_VARIABLE.</summary>
    public const int UnknownSystemVariable = 1193;

    /// <summary>ER_LOCK_WAIT_TIMEOUT.</summary>
    public const int LockWaitTimeout = 1205;

    /// <summary>ER_LOCK_DEADLOCK.</summary>
    public const int Deadlock = 1213;

    /// <summary>ER_SPECIFIC_ACCESS_DENIED_ERROR: a privilege such as SUPER is missing.</summary>
    public const int SpecificAccessDenied = 1227;

    /// <summary>ER_OPTION_PREVENTS_STATEMENT: for example a write while read_only is on.</summary>
    public const int OptionPreventsStatement = 1290;

    /// <summary>ER_QUERY_INTERRUPTED: KILL QUERY.</summary>
    public const int QueryInterrupted = 1317;

    /// <summary>ER_CONNECTION_KILLED: KILL CONNECTION of this session.</summary>
    public const int ConnectionKilled = 1927;

    /// <summary>ER_STATEMENT_TIMEOUT: max_statement_time exceeded.</summary>
    public const int StatementTimeout = 1969;
}
