using System.Globalization;
using System.Text;

namespace ReplicationManager.Core.Topology;

/// <summary>
/// replication-manager's server id: <c>"db"</c> followed by the CRC-64 (ECMA polynomial, as Go's <c>hash/crc64</c>
/// with <c>crc64.ECMA</c>: reflected, all-ones start and final inversion) of the server's URL as unsigned decimal.
/// The URL is the <c>db-servers-hosts</c> entry; repman always writes it <c>host:port</c>, as configurations do.
/// </summary>
public static class ServerIdentity
{
    private const ulong EcmaReflected = 0xC96C5795D7870F42;

    private static readonly ulong[] Table = BuildTable();

    /// <summary>The id of a server, for example <c>db6397418441651402532</c>.</summary>
    public static string IdOf(ServerAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return "db" + Crc64(Encoding.UTF8.GetBytes(address.ToString())).ToString(CultureInfo.InvariantCulture);
    }

    internal static ulong Crc64(ReadOnlySpan<byte> data)
    {
        var crc = ulong.MaxValue;
        foreach (var b in data)
            crc = Table[(byte)crc ^ b] ^ (crc >> 8);
        return ~crc;
    }

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < table.Length; i++)
        {
            var crc = (ulong)i;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) == 1 ? (crc >> 1) ^ EcmaReflected : crc >> 1;
            table[i] = crc;
        }
        return table;
    }
}
