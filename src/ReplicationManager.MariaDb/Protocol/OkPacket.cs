namespace ReplicationManager.MariaDb.Protocol;

/// <summary>
/// OK packet (header 0x00, or 0xFE when it ends a result set under CLIENT_DEPRECATE_EOF) and the older EOF packet,
/// reduced to what a command result needs.
/// </summary>
internal readonly record struct OkPacket(ulong AffectedRows, ulong LastInsertId, MariaDbServerStatus Status, ushort Warnings)
{
    public const byte Header = 0x00;
    public const byte EofHeader = 0xFE;

    public static OkPacket Read(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var header = reader.ReadByte();
        if (header is not (Header or EofHeader))
            throw ProtocolErrors.Unexpected($"expected an OK packet, got header 0x{header:X2}");
        var affectedRows = reader.ReadLengthEncodedInteger();
        var lastInsertId = reader.ReadLengthEncodedInteger();
        var status = (MariaDbServerStatus)reader.ReadUInt16();
        var warnings = reader.ReadUInt16();
        return new(affectedRows, lastInsertId, status, warnings);
    }

    /// <summary>EOF packet: 0xFE, warnings, status flags.</summary>
    public static OkPacket ReadEof(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        if (reader.ReadByte() != EofHeader)
            throw ProtocolErrors.Unexpected("expected an EOF packet");
        var warnings = reader.ReadUInt16();
        var status = (MariaDbServerStatus)reader.ReadUInt16();
        return new(0, 0, status, warnings);
    }

    /// <summary>True for the packet that ends the rows of a result set (a row can start with 0xFE only when huge).</summary>
    public static bool IsResultSetEnd(ReadOnlySpan<byte> payload, bool deprecateEof) =>
        payload.Length > 0 && payload[0] == EofHeader && (deprecateEof ? payload.Length < PacketChannel.MaxPacketLength : payload.Length < 9);

    public bool HasMoreResults => (Status & MariaDbServerStatus.MoreResultsExist) != 0;
}
