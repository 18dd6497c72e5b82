using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ReplicationManager.Core.Options;
using ReplicationManager.Server.Api;

namespace ReplicationManager.Server.Hosting;

/// <summary>
/// The HTTPS API's certificate: <c>monitoring-ssl-cert</c> / <c>monitoring-ssl-key</c> (PEM) when set; otherwise a
/// self-signed ECDSA P-256 certificate made at the first start and kept in the data directory
/// (<c>api-selfsigned-cert.pem</c>, and <c>api-selfsigned-key.pem</c> with mode 0600), so clients can pin it.
/// </summary>
internal static class ApiCertificate
{
    public const string CertificateFileName = "api-selfsigned-cert.pem";
    public const string KeyFileName = "api-selfsigned-key.pem";

    private static readonly TimeSpan Validity = TimeSpan.FromDays(825);

    // A generated certificate this close to its end is replaced at start rather than left to expire while running.
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public static X509Certificate2 Load(ApiOptions api, string datadir, TimeProvider timeProvider, ILogger logger)
    {
        if (api.CertificatePath.Length > 0)
            return X509Certificate2.CreateFromPemFile(api.CertificatePath, api.CertificateKeyPath.Length > 0 ? api.CertificateKeyPath : null);

        var certificatePath = Path.Combine(datadir, CertificateFileName);
        var keyPath = Path.Combine(datadir, KeyFileName);
        var now = timeProvider.GetUtcNow();
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            if (PrivateFile.Restrict(keyPath))
                ApiLog.KeyFileRestricted(logger, keyPath);
            var existing = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (existing.NotAfter.ToUniversalTime() > now.UtcDateTime + RenewBefore)
            {
                ApiLog.CertificateReused(logger, certificatePath);
                return existing;
            }
            ApiLog.CertificateRenewed(logger, certificatePath, existing.NotAfter);
            existing.Dispose();
        }
        using (var created = CreateSelfSigned(api.ApiBind, now))
        using (var privateKey = created.GetECDsaPrivateKey()!)
        {
            PrivateFile.Write(keyPath, Encoding.ASCII.GetBytes(privateKey.ExportPkcs8PrivateKeyPem()));
            PrivateFile.Write(certificatePath, Encoding.ASCII.GetBytes(created.ExportCertificatePem()),
                PrivateFile.OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            ApiLog.CertificateCreated(logger, certificatePath, created.NotAfter);
        }
        // Served from the files just written, so the first start runs exactly what the next starts will reuse.
        return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
    }

    /// <summary>A certificate for localhost, 127.0.0.1, ::1, this machine's name and the bind address.</summary>
    internal static X509Certificate2 CreateSelfSigned(string bindAddress, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=replication-manager, O=repman", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dnsName in new[] { "localhost", Environment.MachineName, Dns.GetHostName() }.Distinct(StringComparer.OrdinalIgnoreCase))
            names.AddDnsName(dnsName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (IPAddress.TryParse(bindAddress, out var bound) && !bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any)
            && !bound.Equals(IPAddress.Loopback) && !bound.Equals(IPAddress.IPv6Loopback))
            names.AddIpAddress(bound);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-1), now + Validity);
    }
}
