using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using ReplicationManager.Core.Options;
using ReplicationManager.Server.Hosting;
using ReplicationManager.Server.Tests.Fakes;

namespace ReplicationManager.Server.Tests.Hosting;

public sealed class ApiCertificateTests : IDisposable
{
    private readonly string _datadir = Path.Combine(Path.GetTempPath(), "repman-cert-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void AGeneratedCertificateIsKeptAndReused()
    {
        var time = new ManualTimeProvider();
        using var first = ApiCertificate.Load(Options(), _datadir, time, NullLogger.Instance);
        using var second = ApiCertificate.Load(Options(), _datadir, time, NullLogger.Instance);
        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.True(second.HasPrivateKey);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_datadir, ApiCertificate.KeyFileName)));
    }

    [Fact]
    public void TheCertificateNamesLocalhostTheLoopbackAndThisMachine()
    {
        using var certificate = ApiCertificate.Load(Options(bind: "127.0.0.7"), _datadir, new ManualTimeProvider(), NullLogger.Instance);
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Contains(Environment.MachineName, names.EnumerateDnsNames(), StringComparer.OrdinalIgnoreCase);
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
        Assert.Contains(IPAddress.Parse("127.0.0.7"), names.EnumerateIPAddresses());
        using var ecdsa = certificate.GetECDsaPublicKey();
        Assert.NotNull(ecdsa);
    }

    [Fact]
    public void ACertificateNearItsEndIsReplaced()
    {
        var time = new ManualTimeProvider();
        using var first = ApiCertificate.Load(Options(), _datadir, time, NullLogger.Instance);
        time.Advance(TimeSpan.FromDays(820));
        using var renewed = ApiCertificate.Load(Options(), _datadir, time, NullLogger.Instance);
        Assert.NotEqual(first.Thumbprint, renewed.Thumbprint);
    }

    [Fact]
    public void AConfiguredCertificateIsUsedAndNothingIsGenerated()
    {
        var time = new ManualTimeProvider();
        Directory.CreateDirectory(_datadir);
        using (var own = ApiCertificate.CreateSelfSigned("127.0.0.1", time.GetUtcNow()))
        using (var key = own.GetECDsaPrivateKey()!)
        {
            File.WriteAllText(Path.Combine(_datadir, "own.pem"), own.ExportCertificatePem());
            File.WriteAllText(Path.Combine(_datadir, "own.key"), key.ExportPkcs8PrivateKeyPem());
        }
        var options = Options() with { CertificatePath = Path.Combine(_datadir, "own.pem"), CertificateKeyPath = Path.Combine(_datadir, "own.key") };
        using var loaded = ApiCertificate.Load(options, _datadir, time, NullLogger.Instance);
        Assert.True(loaded.HasPrivateKey);
        Assert.False(File.Exists(Path.Combine(_datadir, ApiCertificate.CertificateFileName)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_datadir))
            Directory.Delete(_datadir, recursive: true);
    }

    private static ApiOptions Options(string bind = "0.0.0.0") => new(
        true, bind, 10005, [new Credential("admin", "x")], new Dictionary<string, IReadOnlyList<string>>(),
        new Dictionary<string, IReadOnlyList<string>>(), TimeSpan.FromHours(1), "", "", true, "localhost", 10001, "", false);
}
