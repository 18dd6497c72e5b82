using ReplicationManager.Core.Jobs.Ssh;

namespace ReplicationManager.Core.Tests.Jobs.Ssh;

/// <summary>The operator's known_hosts as OpenSSH writes it: plain and hashed host names, revoked keys.</summary>
public sealed class HostKeyPinsTests : IDisposable
{
    private const string Key = "AAAAC3NzaC1lZDI1NTE5AAAAIHO61bSsK3SZp301AX3EVQCa64Lpz4slTfmhFYjTtQLN";

    // Written by ssh-keygen -H (OpenSSH 9.2) from "127.0.0.12 ..." and "[127.0.0.12]:2222 ...".
    private const string HashedPort22 = "|1|2kSQ2YuftHOh/VLsjTQBr2W36fE=|Du2BaBwnehHWznnnXuVc41qlG0U=";
    private const string HashedPort2222 = "|1|Hz2fI2Kt1aKdGiOLo51SAt1he6c=|tXy7Na8FnRTYIoY91iWvEuqzVk4=";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("repman-known-hosts-");

    [Theory]
    [InlineData("127.0.0.12", 22, true)]
    [InlineData("127.0.0.12", 2222, true)]
    [InlineData("127.0.0.13", 22, false)]
    [InlineData("127.0.0.12", 2223, false)]
    public void AHashedHostNameIsMatchedAsOpenSshHashedIt(string host, int port, bool trusted)
    {
        var pins = Pins($"# hashed by ssh-keygen -H\n{HashedPort22} ssh-ed25519 {Key}\n{HashedPort2222} ssh-ed25519 {Key}\n");

        var verdict = pins.Check(host, port, "ssh-ed25519", Convert.FromBase64String(Key));

        Assert.Equal(trusted, verdict.IsTrusted);
        if (!trusted)
            Assert.Contains("is unknown", verdict.RefusedBecause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("127.0.0.12")]
    [InlineData(HashedPort22)]
    public void ARevokedKeyIsRefusedEvenWhereAnotherLineTrustsIt(string hosts)
    {
        var pins = Pins($"127.0.0.12 ssh-ed25519 {Key}\n@revoked {hosts} ssh-ed25519 {Key}\n");

        var verdict = pins.Check("127.0.0.12", 22, "ssh-ed25519", Convert.FromBase64String(Key));

        Assert.False(verdict.IsTrusted);
        Assert.Contains("is revoked in", verdict.RefusedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void ACertificateAuthorityLineTrustsNoHostByItself()
    {
        var pins = Pins($"@cert-authority * ssh-ed25519 {Key}\n");

        Assert.False(pins.Check("127.0.0.12", 22, "ssh-ed25519", Convert.FromBase64String(Key)).IsTrusted);
    }

    [Theory]
    [InlineData("|1|not base64|x")]
    [InlineData("|1|onlysalt")]
    public void AMalformedHashedNameMatchesNothing(string hosts) => Assert.False(HostKeyPins.Matches(hosts, "127.0.0.12"));

    public void Dispose() => _folder.Delete(recursive: true);

    private HostKeyPins Pins(string knownHosts)
    {
        var file = Path.Combine(_folder.FullName, "known_hosts");
        File.WriteAllText(file, knownHosts);
        return new HostKeyPins(Path.Combine(_folder.FullName, "pins"), file);
    }
}
