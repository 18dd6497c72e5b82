namespace ReplicationManager.MariaDb.Protocol;

/// <summary>The first byte of a command packet.</summary>
internal enum CommandCode : byte
{
    /// <summary>COM_QUIT: close the session.</summary>
    Quit = 0x01,

    /// <summary>COM_INIT_DB: change the default database.</summary>
    InitDatabase = 0x02,

    /// <summary>COM_QUERY: run SQL text.</summary>
    Query = 0x03,

    /// <summary>COM_PING: is the server alive.</summary>
    Ping = 0x0E,
}
