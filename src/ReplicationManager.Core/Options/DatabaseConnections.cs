using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Options;

/// <summary>How repman connects to a cluster's database servers, for every purpose: one place for credentials and TLS.</summary>
public static class DatabaseConnections
{
    /// <param name="commandTimeout">The bound of each statement: short for probes, long for dumps and jobs.</param>
    /// <param name="purpose">Shown to the server as the connection's program name (repman-monitoring, repman-jobs...).</param>
    public static MariaDbConnectOptions For(MonitoringOptions monitoring, string host, int port, TimeSpan commandTimeout, string purpose)
    {
        ArgumentNullException.ThrowIfNull(monitoring);
        return new MariaDbConnectOptions
        {
            Host = host,
            Port = port,
            User = monitoring.Credential.User,
            Password = monitoring.Credential.Password,
            ConnectTimeout = monitoring.ConnectTimeout,
            CommandTimeout = commandTimeout,
            ApplicationName = purpose,
            Tls = Tls(monitoring.Tls),
        };
    }

    /// <summary>TLS with the configured CA verifying the server (and the client certificate when given); none without a CA.</summary>
    private static MariaDbTlsOptions Tls(DatabaseTlsOptions? tls) => tls is null
        ? new MariaDbTlsOptions { Mode = MariaDbTlsMode.Disabled }
        : new MariaDbTlsOptions
        {
            Mode = MariaDbTlsMode.VerifyCa,
            CaCertificatePath = tls.CaCertificatePath,
            ClientCertificatePath = tls.ClientCertificatePath is { Length: > 0 } cert ? cert : null,
            ClientKeyPath = tls.ClientKeyPath is { Length: > 0 } key ? key : null,
        };
}
