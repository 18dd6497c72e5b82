using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ReplicationManager.MariaDb.Io;

/// <summary>
/// Decides whether to trust the server's certificate under the configured <see cref="MariaDbTlsMode"/>, and remembers
/// why it refused so that the error can say so.
/// </summary>
internal sealed class ServerCertificateValidator(MariaDbTlsOptions tls, string expectedName)
{
    private readonly X509Certificate2Collection? _authorities = LoadAuthorities(tls.CaCertificatePath);

    public string? Rejection { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!tls.Verifies)
            return true;
        if (certificate is null)
            return Reject("the server presented no certificate");
        if (tls.Mode == MariaDbTlsMode.VerifyFull && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            return Reject($"the server certificate ({certificate.Subject}) is not valid for the name '{expectedName}'");
        if (_authorities is null)
        {
            return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0
                || Reject($"the server certificate ({certificate.Subject}) is not trusted by the system store: {Describe(chain)}");
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        // The callback's certificate belongs to the SslStream: build from it without disposing it.
        var leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        return custom.Build(leaf)
            || Reject($"the server certificate ({certificate.Subject}) does not chain to the CA in {tls.CaCertificatePath}: {Describe(custom)}");
    }

    private bool Reject(string reason)
    {
        Rejection = reason;
        return false;
    }

    private static string Describe(X509Chain? chain) =>
        chain is null || chain.ChainStatus.Length == 0
            ? "no chain"
            : string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation.Trim()).Distinct());

    private static X509Certificate2Collection? LoadAuthorities(string? path)
    {
        if (path is null)
            return null;
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new MariaDbConnectionException($"cannot read the TLS CA certificate {path}: {ex.Message}", ex);
        }
        return authorities.Count > 0
            ? authorities
            : throw new MariaDbConnectionException($"no certificate found in the TLS CA file {path}");
    }
}
