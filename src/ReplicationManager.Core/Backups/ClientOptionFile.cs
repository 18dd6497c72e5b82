using System.Text;
using ReplicationManager.Core.Jobs.Local;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Backups;

/// <summary>
/// The credential handed to mariadb-dump and mydumper as an option file, so that the password is never on a command
/// line (where <c>ps</c> and <c>/proc/PID/cmdline</c> show it to every local user): a <c>[client]</c> group in a
/// file of mode 0600, inside a hidden directory of mode 0700 of its own, both deleted when the dump ends. The
/// directory is in repman's data directory, named like a partial file (<c>.client-*.partial</c>), so that the start
/// after a crash mid-dump deletes it with the job's other leftovers instead of leaving a password in /tmp.
/// </summary>
internal sealed class ClientOptionFile : IDisposable
{
    private readonly DirectoryInfo _directory;

    private ClientOptionFile(DirectoryInfo directory, string path)
    {
        _directory = directory;
        Path = path;
    }

    public string Path { get; }

    /// <param name="parent">The folder of the job's output (a server's backup directory).</param>
    public static ClientOptionFile Create(Credential credential, string parent)
    {
        Directory.CreateDirectory(parent);
        var name = System.IO.Path.Combine(parent, $".client-{Guid.NewGuid():N}.partial");
        var directory = OperatingSystem.IsWindows() ? Directory.CreateDirectory(name)
            : Directory.CreateDirectory(name, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var path = System.IO.Path.Combine(directory.FullName, "client.cnf");
            using (var writer = new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), NewFile.Options(NewFile.Private)))
                writer.Write(Render(credential));
            return new ClientOptionFile(directory, path);
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>
    /// The file's text. Values are double-quoted with backslash escapes, as the option-file reader of MariaDB's
    /// client library expects, so that <c>#</c>, quotes, backslashes and edge spaces of a password survive.
    /// </summary>
    public static string Render(Credential credential) =>
        $"[client]\nuser={Quote(credential.User)}\npassword={Quote(credential.Password)}\n";

    public void Dispose() => _directory.Delete(recursive: true);

    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }
}
