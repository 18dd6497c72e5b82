using System.Buffers;

namespace ReplicationManager.MariaDb.Io;

/// <summary>
/// Pooled byte arrays up to 1 MiB. Larger ones (a 20 MB BLOB) are plain allocations so that one big value does not
/// stay parked in the shared pool for the life of the process.
/// </summary>
internal static class ByteBuffers
{
    private const int LargestPooled = 1 << 20;

    public static byte[] Rent(int minimumLength) =>
        minimumLength <= LargestPooled
            ? ArrayPool<byte>.Shared.Rent(minimumLength)
            : GC.AllocateUninitializedArray<byte>(minimumLength);

    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= LargestPooled)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>A buffer of at least <paramref name="minimumLength"/> holding the first <paramref name="used"/> bytes of <paramref name="buffer"/>.</summary>
    public static byte[] Grow(byte[] buffer, int used, int minimumLength)
    {
        var length = (int)Math.Min(Array.MaxLength, Math.Max((long)minimumLength, buffer.Length * 2L));
        var grown = Rent(length);
        buffer.AsSpan(0, used).CopyTo(grown);
        Return(buffer);
        return grown;
    }
}
