namespace ReplicationManager.MariaDb.Protocol;

/// <summary>Column definition packet (protocol 4.1), with MariaDB's extended type information when negotiated.</summary>
internal static class ColumnDefinition
{
    private const byte ExtendedTypeName = 0;
    private const byte ExtendedFormat = 1;

    public static MariaDbColumn Read(ReadOnlySpan<byte> payload, int ordinal, bool extendedMetadata)
    {
        var reader = new PayloadReader(payload);
        reader.ReadLengthEncodedBytes();
        var schema = reader.ReadLengthEncodedString();
        var table = reader.ReadLengthEncodedString();
        var originalTable = reader.ReadLengthEncodedString();
        var name = reader.ReadLengthEncodedString();
        var originalName = reader.ReadLengthEncodedString();
        string? typeName = null;
        string? format = null;
        if (extendedMetadata)
        {
            var extended = new PayloadReader(reader.ReadLengthEncodedBytes());
            while (!extended.IsAtEnd)
            {
                var kind = extended.ReadByte();
                var value = extended.ReadLengthEncodedString();
                if (kind == ExtendedTypeName)
                    typeName = value;
                else if (kind == ExtendedFormat)
                    format = value;
            }
        }
        reader.ReadLengthEncodedInteger();
        var characterSet = reader.ReadUInt16();
        var length = reader.ReadUInt32();
        var type = (MariaDbColumnType)reader.ReadByte();
        var flags = (MariaDbColumnFlags)reader.ReadUInt16();
        var decimals = reader.ReadByte();
        return new MariaDbColumn(
            ordinal, name, originalName, table, originalTable, schema, characterSet, length, type, flags, decimals, typeName, format);
    }
}
