using System.Text.Json;

namespace ReplicationManager.Core.Storage;

/// <summary>
/// A JSON file replaced in one step: written to a temporary file beside it, flushed to disk when it must survive a
/// crash, then renamed over it. A reader sees the old file or the new one, never half of one. The files are small
/// (a server's state, a history): serialized in memory and written with one plain write, which costs far less than
/// a stream's asynchronous writes (each a hop through the thread pool) when many are saved at once.
/// </summary>
internal static class AtomicJsonFile
{
    /// <exception cref="IOException">The file could not be written (the temporary file is removed).</exception>
    public static void Write<T>(string path, T value, JsonSerializerOptions options, bool durable) =>
        Write(path, JsonSerializer.SerializeToUtf8Bytes(value, options), durable);

    /// <summary>Replaces the file with <paramref name="bytes"/> (JSON the caller made).</summary>
    /// <exception cref="IOException">The file could not be written (the temporary file is removed).</exception>
    public static void Write(string path, byte[] bytes, bool durable)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                RandomAccess.Write(file, bytes, fileOffset: 0);
                if (durable)
                    RandomAccess.FlushToDisk(file);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
