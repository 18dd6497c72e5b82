using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs;

/// <summary>How repman connects to a database server of a cluster for work other than probing.</summary>
internal static class DatabaseConnectOptions
{
    public static MariaDbConnectOptions For(MonitoringOptions monitoring, ServerAddress server) => new()
    {
        Host = server.Host,
        Port = server.Port,
        User = monitoring.Credential.User,
        Password = monitoring.Credential.Password,
        ConnectTimeout = monitoring.ConnectTimeout,
        CommandTimeout = monitoring.ReadTimeout,
        ApplicationName = "repman-jobs",
        Tls = monitoring.Tls is { } tls
            ? new MariaDbTlsOptions { Mode = MariaDbTlsMode.VerifyCa, CaCertificatePath = tls.CaCertificatePath }
            : new MariaDbTlsOptions(),
    };
}
