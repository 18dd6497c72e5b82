namespace ReplicationManager.MariaDb;

/// <summary>TLS settings of a connection. Certificates and keys are PEM files.</summary>
public sealed record MariaDbTlsOptions
{
    /// <summary>Whether to encrypt and what to verify; <see cref="MariaDbTlsMode.Preferred"/> by default.</summary>
    public MariaDbTlsMode Mode { get; init; } = MariaDbTlsMode.Preferred;

    /// <summary>The CA that must have signed the server's certificate (VerifyCa, VerifyFull); null trusts the system store.</summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>A client certificate to present, for accounts created with REQUIRE X509; needs <see cref="ClientKeyPath"/>.</summary>
    public string? ClientCertificatePath { get; init; }

    /// <summary>The private key of <see cref="ClientCertificatePath"/>.</summary>
    public string? ClientKeyPath { get; init; }

    /// <summary>The name the server's certificate must carry under VerifyFull; the connection's host when null.</summary>
    public string? ServerName { get; init; }

    internal bool Verifies => Mode is MariaDbTlsMode.VerifyCa or MariaDbTlsMode.VerifyFull;

    internal bool IsRequired => Mode is not (MariaDbTlsMode.Disabled or MariaDbTlsMode.Preferred);
}
