namespace ReplicationManager.MariaDb;

/// <summary>Whether the session is encrypted and how far the server's certificate is trusted.</summary>
public enum MariaDbTlsMode
{
    /// <summary>Never use TLS.</summary>
    Disabled,

    /// <summary>Use TLS when the server offers it, without checking its certificate; else plain text.</summary>
    Preferred,

    /// <summary>Require TLS, without checking the server's certificate (encrypts, does not authenticate the server).</summary>
    Required,

    /// <summary>Require TLS and a server certificate that chains to the given CA (or the system store); any host name.</summary>
    VerifyCa,

    /// <summary>Like <see cref="VerifyCa"/>, and the certificate must name the host (or <see cref="MariaDbTlsOptions.ServerName"/>).</summary>
    VerifyFull,
}
