using ReplicationManager.Core.Backups;
using ReplicationManager.Core.Options;

namespace ReplicationManager.Core.Tests.Backups;

public sealed class ClientOptionFileTests
{
    [Fact]
    public void QuotesValuesSoEveryCharacterOfAPasswordSurvives()
    {
        var text = ClientOptionFile.Render(new Credential("repman", "a\"b\\c#d 'e'\tf "));

        Assert.Equal("[client]\nuser=\"repman\"\npassword=\"a\\\"b\\\\c#d 'e'\\tf \"\n", text);
    }

    [Fact]
    public void TheFileIsPrivateHiddenInTheJobsFolderAndGoneAfterUse()
    {
        var folder = Directory.CreateTempSubdirectory("repman-option-file-test-");
        string path;
        using (var file = ClientOptionFile.Create(new Credential("repman", "s3cret"), Path.Combine(folder.FullName, "backups")))
        {
            path = file.Path;
            // Named like a partial file, so that the start after a crash deletes it (JobRecovery).
            Assert.Matches(@"/backups/\.client-[0-9a-f]{32}\.partial/client\.cnf$", path);
            Assert.Equal("[client]\nuser=\"repman\"\npassword=\"s3cret\"\n", File.ReadAllText(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            }
        }

        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
        folder.Delete(recursive: true);
    }
}
