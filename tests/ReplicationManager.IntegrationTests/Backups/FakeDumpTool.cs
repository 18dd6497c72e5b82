namespace ReplicationManager.IntegrationTests.Backups;

/// <summary>
/// A stand-in for mariadb-dump: answers <c>--version</c> like MariaDB's tool, records the arguments it was given and
/// the mode of its option file, then runs the given shell body (to stop early, hang, or fail on purpose).
/// </summary>
internal sealed class FakeDumpTool : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("repman-fake-dump-").FullName;

    public FakeDumpTool(string body)
    {
        Path = System.IO.Path.Combine(_directory, "mariadb-dump");
        File.WriteAllText(Path, $$"""
            #!/bin/sh
            if [ "$1" = "--version" ]; then echo "mariadb-dump  Ver 10.19 Distrib 10.11.19-MariaDB, fake"; exit 0; fi
            printf '%s\n' "$@" > '{{SeenArguments}}.tmp' && mv '{{SeenArguments}}.tmp' '{{SeenArguments}}'
            stat -c %a "${1#--defaults-extra-file=}" > '{{SeenOptionFileMode}}.tmp' && mv '{{SeenOptionFileMode}}.tmp' '{{SeenOptionFileMode}}'
            {{body}}
            """);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Path { get; }

    public string SeenArguments => System.IO.Path.Combine(_directory, "arguments");

    public string SeenOptionFileMode => System.IO.Path.Combine(_directory, "option-file-mode");

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
