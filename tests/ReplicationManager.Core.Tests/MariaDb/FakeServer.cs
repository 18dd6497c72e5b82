using System.Buffers.Binary;
using System.Text;
using ReplicationManager.MariaDb;
using ReplicationManager.MariaDb.Io;
using ReplicationManager.MariaDb.Protocol;

namespace ReplicationManager.Core.Tests.MariaDb;

/// <summary>
/// The server end of an in-memory connection, driven step by step by a test: it frames, numbers and checks packets
/// like a server, and builds handshakes, OK, ERR, EOF and result sets.
/// </summary>
internal sealed class FakeServer : IAsyncDisposable
{
    public const string Endpoint = "fake:3306";

    public const MariaDbCapabilities MariaDbCapabilities =
        ReplicationManager.MariaDb.MariaDbCapabilities.LongFlag | ReplicationManager.MariaDb.MariaDbCapabilities.ConnectWithDatabase
        | ReplicationManager.MariaDb.MariaDbCapabilities.Protocol41 | ReplicationManager.MariaDb.MariaDbCapabilities.Transactions
        | ReplicationManager.MariaDb.MariaDbCapabilities.SecureConnection | ReplicationManager.MariaDb.MariaDbCapabilities.MultiStatements
        | ReplicationManager.MariaDb.MariaDbCapabilities.MultiResults | ReplicationManager.MariaDb.MariaDbCapabilities.PluginAuth
        | ReplicationManager.MariaDb.MariaDbCapabilities.ConnectAttributes
        | ReplicationManager.MariaDb.MariaDbCapabilities.PluginAuthLengthEncodedClientData
        | ReplicationManager.MariaDb.MariaDbCapabilities.DeprecateEof | ReplicationManager.MariaDb.MariaDbCapabilities.MariaDbExtendedMetadata;

    public static readonly byte[] Scramble = [.. Enumerable.Range(1, 20).Select(i => (byte)i)];

    private readonly Stream _stream;
    private byte _sequence;

    public FakeServer()
    {
        (ClientStream, var serverSide) = DuplexStream.CreatePair();
        _stream = serverSide;
    }

    private FakeServer(Stream serverSide)
    {
        ClientStream = null!;
        _stream = serverSide;
    }

    /// <summary>The server end over a real connection (a socket accepted by a fake server listening on TCP).</summary>
    public static FakeServer Over(Stream serverSide) => new(serverSide);

    /// <summary>The client end of the in-memory connection (null for a server made with <see cref="Over"/>).</summary>
    public DuplexStream ClientStream { get; }

    /// <summary>What the client asked for in its handshake response.</summary>
    public MariaDbCapabilities ClientCapabilities { get; private set; }

    public static MariaDbConnectOptions Options => new()
    {
        Host = "fake",
        User = "repman",
        Password = "secret",
        Tls = new MariaDbTlsOptions { Mode = MariaDbTlsMode.Disabled },
        ConnectTimeout = TimeSpan.FromSeconds(5),
        CommandTimeout = TimeSpan.FromSeconds(5),
    };

    public Task<MariaDbConnection> ConnectAsync(MariaDbConnectOptions options, CancellationToken cancellationToken) =>
        MariaDbConnection.OpenAsync(options, (_, _) => Task.FromResult(new Transport(ClientStream, Endpoint)), cancellationToken);

    /// <summary>Opens a client and lets it in with mysql_native_password.</summary>
    public async Task<MariaDbConnection> OpenAsync(CancellationToken cancellationToken, MariaDbConnectOptions? options = null, MariaDbCapabilities capabilities = MariaDbCapabilities)
    {
        var opening = ConnectAsync(options ?? Options, cancellationToken);
        await SendHandshakeAsync(capabilities);
        await ReceiveHandshakeResponseAsync();
        await SendOkAsync();
        return await opening;
    }

    public async Task SendHandshakeAsync(
        MariaDbCapabilities capabilities = MariaDbCapabilities, string plugin = "mysql_native_password",
        string version = "5.5.5-10.11.19-MariaDB-log", MariaDbServerStatus status = MariaDbServerStatus.AutoCommit)
    {
        _sequence = 0;
        var payload = new PayloadBuilder();
        payload.WriteByte(10);
        payload.WriteNullTerminatedUtf8(version);
        payload.WriteUInt32(42);
        payload.WriteBytes(Scramble.AsSpan(0, 8));
        payload.WriteByte(0);
        payload.WriteUInt16((ushort)(ulong)capabilities);
        payload.WriteByte(45);
        payload.WriteUInt16((ushort)status);
        payload.WriteUInt16((ushort)((ulong)capabilities >> 16));
        payload.WriteByte(21);
        payload.WriteZeros(6);
        payload.WriteUInt32((uint)((ulong)capabilities >> 32));
        payload.WriteBytes(Scramble.AsSpan(8));
        payload.WriteByte(0);
        payload.WriteNullTerminatedUtf8(plugin);
        await SendAsync(Payload(payload));
    }

    public async Task<HandshakeResponseSeen> ReceiveHandshakeResponseAsync()
    {
        var payload = await ReceiveAsync();
        var reader = new PayloadReaderCopy(payload);
        var capabilities = (MariaDbCapabilities)reader.UInt32();
        reader.Skip(4 + 1 + 19);
        capabilities |= (MariaDbCapabilities)((ulong)reader.UInt32() << 32);
        ClientCapabilities = capabilities;
        if (payload.Length == 32)
            return new HandshakeResponseSeen(capabilities, "", [], null, "", true);
        var user = reader.NullTerminated();
        var auth = reader.LengthEncodedBytes();
        var database = (capabilities & MariaDbCapabilities.ConnectWithDatabase) != 0 ? reader.NullTerminated() : null;
        var plugin = reader.NullTerminated();
        return new HandshakeResponseSeen(capabilities, user, auth, database, plugin, false);
    }

    public Task SendOkAsync(
        ulong affectedRows = 0, ulong lastInsertId = 0, MariaDbServerStatus status = MariaDbServerStatus.AutoCommit,
        ushort warnings = 0, byte header = OkPacket.Header)
    {
        var payload = new PayloadBuilder();
        payload.WriteByte(header);
        payload.WriteLengthEncodedInteger(affectedRows);
        payload.WriteLengthEncodedInteger(lastInsertId);
        payload.WriteUInt16((ushort)status);
        payload.WriteUInt16(warnings);
        return SendAsync(Payload(payload));
    }

    public Task SendErrorAsync(ushort code, string? sqlState, string message)
    {
        var payload = new PayloadBuilder();
        payload.WriteByte(0xFF);
        payload.WriteUInt16(code);
        if (sqlState is not null)
        {
            payload.WriteByte((byte)'#');
            payload.WriteUtf8(sqlState);
        }
        payload.WriteUtf8(message);
        return SendAsync(Payload(payload));
    }

    public Task SendEofAsync(MariaDbServerStatus status = MariaDbServerStatus.AutoCommit, ushort warnings = 0)
    {
        var payload = new byte[5];
        payload[0] = 0xFE;
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(1), warnings);
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(3), (ushort)status);
        return SendAsync(payload);
    }

    /// <summary>Column definitions, rows (string, byte[] or null) and the end, in the style the client negotiated.</summary>
    public async Task SendResultSetAsync(
        IReadOnlyList<FakeColumn> columns, IEnumerable<object?[]> rows, MariaDbServerStatus status = MariaDbServerStatus.AutoCommit)
    {
        await SendResultHeaderAsync(columns);
        foreach (var row in rows)
            await SendRowAsync(row);
        await SendResultEndAsync(status);
    }

    public async Task SendResultHeaderAsync(IReadOnlyList<FakeColumn> columns)
    {
        var count = new PayloadBuilder();
        count.WriteLengthEncodedInteger((ulong)columns.Count);
        await SendAsync(Payload(count));
        foreach (var column in columns)
            await SendAsync(column.ToPayload((ClientCapabilities & MariaDbCapabilities.MariaDbExtendedMetadata) != 0));
        if (!DeprecateEof)
            await SendEofAsync();
    }

    public Task SendRowAsync(object?[] values)
    {
        var payload = new PayloadBuilder();
        foreach (var value in values)
        {
            if (value is null)
                payload.WriteByte(0xFB);
            else
                payload.WriteLengthEncodedBytes(value as byte[] ?? Encoding.UTF8.GetBytes((string)value));
        }
        return SendAsync(Payload(payload));
    }

    public Task SendResultEndAsync(MariaDbServerStatus status = MariaDbServerStatus.AutoCommit, ushort warnings = 0) =>
        DeprecateEof ? SendOkAsync(status: status, warnings: warnings, header: 0xFE) : SendEofAsync(status, warnings);

    /// <summary>The next command's SQL text (checks that it is a COM_QUERY starting a new sequence).</summary>
    public async Task<string> ReceiveQueryAsync()
    {
        _sequence = 0;
        var payload = await ReceiveAsync();
        Assert.Equal(3, payload[0]);
        return Encoding.UTF8.GetString(payload.AsSpan(1));
    }

    /// <summary>The next command's whole payload (its first byte is the command), starting a new sequence.</summary>
    public Task<byte[]> ReceiveCommandPayloadAsync()
    {
        _sequence = 0;
        return ReceiveAsync();
    }

    public async Task<byte> ReceiveCommandAsync()
    {
        _sequence = 0;
        return (await ReceiveAsync())[0];
    }

    /// <summary>Sends a payload, split into 16 MB packets as the protocol requires.</summary>
    public async Task SendAsync(byte[] payload)
    {
        var offset = 0;
        while (true)
        {
            var chunk = Math.Min(payload.Length - offset, PacketChannel.MaxPacketLength);
            await SendPacketAsync(payload.AsMemory(offset, chunk), _sequence++);
            offset += chunk;
            if (chunk < PacketChannel.MaxPacketLength)
                break;
        }
    }

    public async Task SendPacketAsync(ReadOnlyMemory<byte> payload, byte sequence)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        header[3] = sequence;
        await _stream.WriteAsync(header);
        await _stream.WriteAsync(payload);
    }

    /// <summary>A packet header promising more bytes than follow (then the test closes the server).</summary>
    public async Task SendTruncatedPacketAsync(int declaredLength, byte[] partial)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, declaredLength);
        header[3] = _sequence++;
        await _stream.WriteAsync(header);
        await _stream.WriteAsync(partial);
    }

    /// <summary>Receives one payload, joining 16 MB packets, and checks the sequence ids.</summary>
    public async Task<byte[]> ReceiveAsync()
    {
        using var joined = new MemoryStream();
        while (true)
        {
            var header = new byte[4];
            await _stream.ReadExactlyAsync(header);
            var length = header[0] | header[1] << 8 | header[2] << 16;
            Assert.Equal(_sequence++, header[3]);
            var payload = new byte[length];
            await _stream.ReadExactlyAsync(payload);
            joined.Write(payload);
            if (length < PacketChannel.MaxPacketLength)
                return joined.ToArray();
        }
    }

    /// <summary>True when the client closed its end (what a server sees after COM_QUIT or an abort).</summary>
    public async Task<bool> IsClosedByClientAsync()
    {
        var buffer = new byte[1];
        return await _stream.ReadAsync(buffer) == 0;
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private bool DeprecateEof => (ClientCapabilities & MariaDbCapabilities.DeprecateEof) != 0;

    private static byte[] Payload(PayloadBuilder builder)
    {
        var bytes = builder.Buffer.AsSpan(PayloadBuilder.HeaderLength, builder.PayloadLength).ToArray();
        builder.Dispose();
        return bytes;
    }
}
