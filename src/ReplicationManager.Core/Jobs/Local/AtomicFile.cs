namespace ReplicationManager.Core.Jobs.Local;

/// <summary>
/// Writes a file so that a reader sees the old content or the new one, never half of it: the bytes go to a hidden
/// name beside the target, reach the disk, and are renamed over the target.
/// </summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var partial = Path.Combine(directory, "." + Path.GetFileName(path) + ".partial");
        try
        {
            await WriteNewAsync(partial, content, cancellationToken);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Creates a file that must not exist yet and makes sure its bytes are on disk.</summary>
    public static async Task WriteNewAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, NewFile.Options(NewFile.Readable));
        await stream.WriteAsync(content, cancellationToken);
        stream.Flush(flushToDisk: true);
    }
}
