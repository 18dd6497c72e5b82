namespace ReplicationManager.Server.Hosting;

/// <summary>Secrets repman keeps in its data directory: written whole, readable by the owner only (0600).</summary>
internal static class PrivateFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes to a temporary name with mode 0600 and renames, so a crash never leaves half a key.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode = OwnerOnly)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = mode;
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Narrows an existing file to 0600; true when it was wider.</summary>
    public static bool Restrict(string path)
    {
        if (OperatingSystem.IsWindows())
            return false;
        var mode = File.GetUnixFileMode(path);
        if ((mode & ~OwnerOnly) == 0)
            return false;
        File.SetUnixFileMode(path, OwnerOnly);
        return true;
    }
}
