using System.Buffers.Binary;
using System.Text;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Tests.MariaDb;

/// <summary>A column definition for the fake server to send.</summary>
internal sealed record FakeColumn(
    string Name,
    MariaDbColumnType Type = MariaDbColumnType.VarString,
    int CharacterSet = 45,
    MariaDbColumnFlags Flags = MariaDbColumnFlags.None,
    int Decimals = 0,
    string? DataTypeName = null,
    string? Format = null)
{
    public byte[] ToPayload(bool extendedMetadata)
    {
        using var payload = new MemoryStream();
        foreach (var text in (string[])["def", "lab", "t", "t", Name, Name])
            WriteString(payload, text);
        if (extendedMetadata)
        {
            using var extended = new MemoryStream();
            if (DataTypeName is not null)
            {
                extended.WriteByte(0);
                WriteString(extended, DataTypeName);
            }
            if (Format is not null)
            {
                extended.WriteByte(1);
                WriteString(extended, Format);
            }
            payload.WriteByte((byte)extended.Length);
            extended.WriteTo(payload);
        }
        payload.WriteByte(0x0C);
        var fixedFields = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(fixedFields, (ushort)CharacterSet);
        BinaryPrimitives.WriteUInt32LittleEndian(fixedFields.AsSpan(2), 255);
        fixedFields[6] = (byte)Type;
        BinaryPrimitives.WriteUInt16LittleEndian(fixedFields.AsSpan(7), (ushort)Flags);
        fixedFields[9] = (byte)Decimals;
        payload.Write(fixedFields);
        return payload.ToArray();
    }

    private static void WriteString(Stream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        stream.WriteByte((byte)bytes.Length);
        stream.Write(bytes);
    }
}
