using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>TLS towards the database servers: on when a CA is configured.</summary>
public sealed record DatabaseTlsOptions(string CaCertificatePath, string ClientCertificatePath, string ClientKeyPath)
{
    internal static DatabaseTlsOptions? From(ConfigSection section) =>
        section.Get(MonitoringKeys.TlsCaCert) is { Length: > 0 } ca
            ? new DatabaseTlsOptions(ca, section.Get(MonitoringKeys.TlsClientCert), section.Get(MonitoringKeys.TlsClientKey))
            : null;
}
