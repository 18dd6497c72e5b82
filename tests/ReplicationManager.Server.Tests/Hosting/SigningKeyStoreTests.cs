using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Server.Api.Auth;

namespace ReplicationManager.Server.Tests.Hosting;

public sealed class SigningKeyStoreTests : IDisposable
{
    private readonly string _datadir = Path.Combine(Path.GetTempPath(), "repman-key-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void TheKeyIsMadeOnceWithMode0600AndReused()
    {
        var first = SigningKeyStore.LoadOrCreate(_datadir, NullLogger.Instance);
        var second = SigningKeyStore.LoadOrCreate(_datadir, NullLogger.Instance);
        Assert.Equal(first.Bytes, second.Bytes);
        Assert.Equal(SigningKey.Length, first.Bytes.Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_datadir, SigningKeyStore.FileName)));
    }

    [Fact]
    public void AKeyFileReadableByOthersIsNarrowed()
    {
        SigningKeyStore.LoadOrCreate(_datadir, NullLogger.Instance);
        var path = Path.Combine(_datadir, SigningKeyStore.FileName);
        if (OperatingSystem.IsWindows())
            return;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        SigningKeyStore.LoadOrCreate(_datadir, NullLogger.Instance);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void ATruncatedKeyIsReplaced()
    {
        Directory.CreateDirectory(_datadir);
        File.WriteAllBytes(Path.Combine(_datadir, SigningKeyStore.FileName), new byte[5]);
        Assert.Equal(SigningKey.Length, SigningKeyStore.LoadOrCreate(_datadir, NullLogger.Instance).Bytes.Length);
    }

    [Fact]
    public void TheKeyNeverShowsInText() =>
        Assert.DoesNotContain(Convert.ToHexString(SigningKeyStore.LoadOrCreate(_datadir, NullLogger.Instance).Bytes[..4]), SigningKeyStore.LoadOrCreate(_datadir, NullLogger.Instance).ToString(), StringComparison.OrdinalIgnoreCase);

    public void Dispose()
    {
        if (Directory.Exists(_datadir))
            Directory.Delete(_datadir, recursive: true);
    }
}
