using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Tests.MariaDb;

public sealed class ServerVersionTests
{
    [Theory]
    [InlineData("5.5.5-10.11.19-MariaDB-0+deb12u1-log", false, "10.11.19-MariaDB-0+deb12u1-log", 10, 11, 19, true)]
    [InlineData("11.4.2-MariaDB", false, "11.4.2-MariaDB", 11, 4, 2, true)]
    [InlineData("5.5.5-10.6.16-MariaDB", true, "10.6.16-MariaDB", 10, 6, 16, true)]
    [InlineData("8.0.36", false, "8.0.36", 8, 0, 36, false)]
    [InlineData("8.0.36-28", false, "8.0.36-28", 8, 0, 36, false)]
    [InlineData("5.5.5", false, "5.5.5", 5, 5, 5, false)]
    [InlineData("9.1", false, "9.1", 9, 1, 0, false)]
    public void ParsesVersionsAndTellsMariaDbFromMySql(
        string raw, bool mariaDbCapabilities, string text, int major, int minor, int patch, bool isMariaDb)
    {
        var (versionString, version, mariaDb) = MariaDbServerInfo.ParseVersion(raw, mariaDbCapabilities);

        Assert.Equal(text, versionString);
        Assert.Equal(new Version(major, minor, patch), version);
        Assert.Equal(isMariaDb, mariaDb);
    }
}
