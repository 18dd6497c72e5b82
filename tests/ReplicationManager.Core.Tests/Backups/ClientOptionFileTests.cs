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
    public void TheFileIsPrivateAndGoneAfterUse()
    {
        string path;
        using (var file = ClientOptionFile.Create(new Credential("repman", "s3cret")))
        {
            path = file.Path;
            Assert.Equal("[client]\nuser=\"repman\"\npassword=\"s3cret\"\n", File.ReadAllText(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            }
        }

        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }
}
