using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ReplicationManager.MariaDb.Io;

/// <summary>Turns <see cref="MariaDbTlsOptions"/> into an SslStream handshake on the transport.</summary>
internal static class TlsNegotiator
{
    public static async Task UpgradeAsync(
        Transport transport, MariaDbTlsOptions tls, string host, Deadline deadline, CancellationToken cancellationToken)
    {
        var expectedName = tls.ServerName ?? host;
        var validator = new ServerCertificateValidator(tls, expectedName);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = expectedName,
            RemoteCertificateValidationCallback = validator.Validate,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        // The client certificate lives as long as the session may need it, so it is not disposed here.
        var clientCertificate = LoadClientCertificate(tls);
        if (clientCertificate is not null)
            options.ClientCertificates = [clientCertificate];
        await transport.UpgradeToTlsAsync(options, () => validator.Rejection, deadline, cancellationToken);
    }

    private static X509Certificate2? LoadClientCertificate(MariaDbTlsOptions tls)
    {
        if (tls.ClientCertificatePath is null || tls.ClientKeyPath is null)
            return null;
        try
        {
            return X509Certificate2.CreateFromPemFile(tls.ClientCertificatePath, tls.ClientKeyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new MariaDbConnectionException(
                $"cannot load the TLS client certificate {tls.ClientCertificatePath} with key {tls.ClientKeyPath}: {ex.Message}", ex);
        }
    }
}
