using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.MariaDb;

/// <summary>TLS against the lab, whose servers carry certificates signed by the lab CA for their own address.</summary>
public sealed class TlsTests
{
    [Theory(Timeout = 60_000)]
    [InlineData(MariaDbTlsMode.Required)]
    [InlineData(MariaDbTlsMode.VerifyCa)]
    [InlineData(MariaDbTlsMode.VerifyFull)]
    public async Task EncryptsTheSession(MariaDbTlsMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();

        await using var db = await MariaDbConnection.OpenAsync(Options(lab, new() { Mode = mode, CaCertificatePath = lab.TlsCaPath }), ct);

        Assert.True(db.Server.IsTls);
        var cipher = Assert.Single(await db.QueryAsync($"SHOW SESSION STATUS LIKE 'Ssl_cipher'", ct));
        Assert.NotEqual("", cipher["Value"].GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task StaysInClearTextWhenDisabled()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();

        await using var db = await MariaDbConnection.OpenAsync(Options(lab, new() { Mode = MariaDbTlsMode.Disabled }), ct);

        Assert.False(db.Server.IsTls);
        var cipher = Assert.Single(await db.QueryAsync($"SHOW SESSION STATUS LIKE 'Ssl_cipher'", ct));
        Assert.Equal("", cipher["Value"].GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task RefusesACertificateForAnotherName()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var tls = new MariaDbTlsOptions { Mode = MariaDbTlsMode.VerifyFull, CaCertificatePath = lab.TlsCaPath, ServerName = "db1.wrong.example" };

        var error = await Assert.ThrowsAsync<MariaDbConnectionException>(() => MariaDbConnection.OpenAsync(Options(lab, tls), ct));

        Assert.Contains("TLS handshake with", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid for the name 'db1.wrong.example'", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task AcceptsAnotherNameUnderVerifyCa()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var tls = new MariaDbTlsOptions { Mode = MariaDbTlsMode.VerifyCa, CaCertificatePath = lab.TlsCaPath, ServerName = "db1.wrong.example" };

        await using var db = await MariaDbConnection.OpenAsync(Options(lab, tls), ct);

        Assert.True(db.Server.IsTls);
    }

    [Fact(Timeout = 60_000)]
    public async Task RefusesACertificateFromAnotherAuthority()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var foreignCa = Path.Combine(Path.GetTempPath(), $"foreign-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(foreignCa, SelfSignedAuthorityPem(), ct);
        try
        {
            var tls = new MariaDbTlsOptions { Mode = MariaDbTlsMode.VerifyCa, CaCertificatePath = foreignCa };

            var error = await Assert.ThrowsAsync<MariaDbConnectionException>(() => MariaDbConnection.OpenAsync(Options(lab, tls), ct));

            Assert.Contains("does not chain to the CA in", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(foreignCa);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task RefusesTheLabCertificateAgainstTheSystemStore()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();

        var error = await Assert.ThrowsAsync<MariaDbConnectionException>(
            () => MariaDbConnection.OpenAsync(Options(lab, new() { Mode = MariaDbTlsMode.VerifyFull }), ct));

        Assert.Contains("not trusted by the system store", error.Message, StringComparison.Ordinal);
    }

    private static MariaDbConnectOptions Options(LabEnvironment lab, MariaDbTlsOptions tls) =>
        LabConnections.Options(lab, lab.Primary) with { Tls = tls };

    private static string SelfSignedAuthorityPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=not the lab CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    }
}
