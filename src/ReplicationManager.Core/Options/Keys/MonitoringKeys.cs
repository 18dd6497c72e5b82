using ReplicationManager.Core.Topology;
using static ReplicationManager.Core.Options.ConfigScope;

namespace ReplicationManager.Core.Options.Keys;

/// <summary>What repman watches and how: servers, credentials, probe timing.</summary>
public static class MonitoringKeys
{
    public static readonly ConfigKey<string> Datadir = Define.Path("monitoring-datadir", "/var/lib/replication-manager",
        "Working directory: server state, job history, received logs and backups (under Backups/).", Global).AlsoNamed("working-directory");

    public static readonly ConfigKey<string> Include = Define.Path("include", "",
        "A directory whose *.toml files are read after this one (each usually holds one cluster section).", Global);

    public static readonly ConfigKey<string> Title = Define.String("title", "",
        "Display name of the cluster; the section name when empty.");

    public static readonly ConfigKey<string> Address = Define.String("monitoring-address", "localhost",
        "Address of this repman that database hosts can reach: written into job rows and bound by stream receivers.");

    public static readonly ConfigKey<TimeSpan> Ticker = Define.Seconds("monitoring-ticker", 2, 1,
        "Seconds between two probes of every server of a cluster.");

    public static readonly ConfigKey<IReadOnlyList<ServerAddress>> Hosts = Define.Hosts("db-servers-hosts",
        "The database servers of the cluster, host[:port] separated by commas (port 3306 when omitted). Required.").AlsoNamed("hosts");

    public static readonly ConfigKey<Credential?> Credential = Define.Credential("db-servers-credential", "",
        "user:password repman connects with to every database server. Required.").AlsoNamed("user");

    public static readonly ConfigKey<TimeSpan> ConnectTimeout = Define.Seconds("db-servers-connect-timeout", 5, 1,
        "Seconds a connection attempt to a database server may take.").AlsoNamed("connect-timeout");

    public static readonly ConfigKey<TimeSpan> QueryTimeout = Define.Milliseconds("monitoring-query-timeout", 2000, 10,
        "Milliseconds a monitoring query may take before the probe gives up on that server.");

    public static readonly ConfigKey<TimeSpan> ReadTimeout = Define.Seconds("db-servers-read-timeout", 3600, 1,
        "Seconds a long operation (a dump, a restore) may wait for the server to answer.");

    public static readonly ConfigKey<Credential?> ReplicationCredential = Define.Credential("replication-credential", "",
        "user:password replicas use to connect to their primary (CHANGE MASTER TO).").AlsoNamed("rpluser");

    public static readonly ConfigKey<IReadOnlyList<ServerAddress>> PreferredMaster = Define.Hosts("db-servers-prefered-master",
        "Servers to prefer as primary, in order, when repman elects one.").AlsoNamed("prefmaster");

    public static readonly ConfigKey<IReadOnlyList<ServerAddress>> IgnoredHosts = Define.Hosts("db-servers-ignored-hosts",
        "Servers that are monitored but never elected primary.").AlsoNamed("ignore-servers");

    public static readonly ConfigKey<IReadOnlyList<ServerAddress>> BackupHosts = Define.Hosts("db-servers-backup-hosts",
        "Servers that logical backups are taken from; the primary when empty.");

    public static readonly ConfigKey<string> TlsCaCert = Define.Path("db-servers-tls-ca-cert", "",
        "CA certificate that verifies the database servers' TLS certificates; TLS is used when set.").AlsoNamed("hosts-tls-ca-cert");

    public static readonly ConfigKey<string> TlsClientCert = Define.Path("db-servers-tls-client-cert", "",
        "Client certificate presented to the database servers.").AlsoNamed("hosts-tls-client-cert");

    public static readonly ConfigKey<string> TlsClientKey = Define.Path("db-servers-tls-client-key", "",
        "Key of the client certificate.").AlsoNamed("hosts-tls-client-key");

    public static readonly ConfigKey<int> FalsePositivePingCounter = Define.Int("failover-falsepositive-ping-counter", 5, 1, 1000,
        "Consecutive failed probes after which a Suspect server is Failed.").AlsoNamed("failcount");

    public static readonly ConfigKey<TimeSpan> MaxReplicationDelay = Define.Seconds("failover-max-slave-delay", 30, 0,
        "Seconds of lag beyond which a replica is SlaveLate (and not a valid read target for proxies).").AlsoNamed("maxdelay");

    public static readonly ConfigKey<bool> DecreaseMaxConnections = Define.Bool("switchover-decrease-max-conn", true,
        "During switchover, lower max_connections on the old primary to drain client traffic (repman keeps its extra_port connection).");

    public static readonly ConfigKey<int> DecreaseMaxConnectionsValue = Define.Int("switchover-decrease-max-conn-value", 1, 1, 100000,
        "The max_connections value set during switchover (MariaDB raises values below 10 to 10).");
}
