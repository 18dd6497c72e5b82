using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ReplicationManager.IntegrationTests.Lab;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.MariaDb;

/// <summary>An account created with REQUIRE X509 admits only a client that presents a certificate signed by the lab CA.</summary>
public sealed class ClientCertificateTests
{
    [Fact(Timeout = 60_000)]
    public async Task PresentsAClientCertificateToAnAccountThatRequiresOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabEnvironment.Require();
        var caKeyPath = Path.Combine(Path.GetDirectoryName(lab.TlsCaPath)!, "ca-key.pem");
        Assert.SkipUnless(File.Exists(caKeyPath), $"the lab CA key {caKeyPath} is missing, so no client certificate can be signed");
        var user = $"x509_{Guid.NewGuid():N}"[..16];
        var directory = Directory.CreateTempSubdirectory("repman-client-cert-");
        await using var admin = await LabConnections.OpenPrimaryAsync(lab, ct);
        try
        {
            var (certificatePath, keyPath) = await WriteClientCertificateAsync(lab.TlsCaPath, caKeyPath, directory.FullName, ct);
            await admin.ExecuteAsync($"SET SESSION sql_log_bin = 0", ct);
            await admin.ExecuteAsync($"CREATE USER {user}@'%' IDENTIFIED BY {"pw"} REQUIRE X509", ct);
            var options = LabConnections.Options(lab, lab.Primary) with { User = user, Password = "pw" };

            var withoutCertificate = await Assert.ThrowsAsync<MariaDbException>(() => MariaDbConnection.OpenAsync(
                options with { Tls = new() { Mode = MariaDbTlsMode.VerifyFull, CaCertificatePath = lab.TlsCaPath } }, ct));
            await using var withCertificate = await MariaDbConnection.OpenAsync(options with
            {
                Tls = new()
                {
                    Mode = MariaDbTlsMode.VerifyFull,
                    CaCertificatePath = lab.TlsCaPath,
                    ClientCertificatePath = certificatePath,
                    ClientKeyPath = keyPath,
                },
            }, ct);

            Assert.Equal(MariaDbErrorCodes.AccessDenied, withoutCertificate.ErrorCode);
            Assert.StartsWith($"{user}@", await withCertificate.QueryScalarAsync<string>($"SELECT CURRENT_USER()", ct), StringComparison.Ordinal);
        }
        finally
        {
            await admin.ExecuteAsync($"DROP USER IF EXISTS {user}@'%'", CancellationToken.None);
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(string Certificate, string Key)> WriteClientCertificateAsync(
        string caPath, string caKeyPath, string directory, CancellationToken cancellationToken)
    {
        using var authority = X509Certificate2.CreateFromPemFile(caPath, caKeyPath);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=repman client test", key, HashAlgorithmName.SHA256);
        // A lab made seconds ago has a CA valid only from then on; a certificate cannot start before its issuer.
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5) < authority.NotBefore ? new DateTimeOffset(authority.NotBefore) : DateTimeOffset.UtcNow.AddMinutes(-5);
        using var certificate = request.Create(authority, notBefore, DateTimeOffset.UtcNow.AddHours(1), RandomNumberGenerator.GetBytes(16));
        var certificatePath = Path.Combine(directory, "client-cert.pem");
        var keyPath = Path.Combine(directory, "client-key.pem");
        await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem(), cancellationToken);
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem(), cancellationToken);
        return (certificatePath, keyPath);
    }
}
