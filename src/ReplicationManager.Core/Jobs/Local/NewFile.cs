namespace ReplicationManager.Core.Jobs.Local;

/// <summary>Files and directories created with their permissions from the start, not narrowed afterwards.</summary>
internal static class NewFile
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode Readable = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Options to create a file that must not exist yet, for asynchronous writing, with the given mode.</summary>
    public static FileStreamOptions Options(UnixFileMode mode, int bufferSize = 4096)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Options = FileOptions.Asynchronous,
            BufferSize = bufferSize,
        };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = mode;
        return options;
    }

    /// <summary>Creates a directory only its owner can enter.</summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
