using ReplicationManager.Core.Options;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Monitoring;

/// <summary>How a probe connects: credentials, timeouts and TLS, from the cluster's monitoring options.</summary>
internal sealed record ServerProbeSettings(Credential Credential, TimeSpan ConnectTimeout, TimeSpan QueryTimeout, DatabaseTlsOptions? Tls)
{
    public static ServerProbeSettings From(MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.Credential, options.ConnectTimeout, options.QueryTimeout, options.Tls);
    }

    public MariaDbConnectOptions ConnectOptions(string host, int port) => new()
    {
        Host = host,
        Port = port,
        User = Credential.User,
        Password = Credential.Password,
        ConnectTimeout = ConnectTimeout,
        CommandTimeout = QueryTimeout,
        ApplicationName = "repman-monitoring",
        Tls = Tls is null
            ? new MariaDbTlsOptions { Mode = MariaDbTlsMode.Disabled }
            : new MariaDbTlsOptions
            {
                Mode = MariaDbTlsMode.VerifyCa,
                CaCertificatePath = Tls.CaCertificatePath,
                ClientCertificatePath = Tls.ClientCertificatePath is { Length: > 0 } cert ? cert : null,
                ClientKeyPath = Tls.ClientKeyPath is { Length: > 0 } key ? key : null,
            },
    };
}
