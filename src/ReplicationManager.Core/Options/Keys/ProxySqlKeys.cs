namespace ReplicationManager.Core.Options.Keys;

/// <summary>ProxySQL: repman rewrites its hostgroups through the admin interface on failover.</summary>
public static class ProxySqlKeys
{
    public static readonly ConfigKey<bool> Enabled = Define.Bool("proxysql", false,
        "Drive ProxySQL for this cluster.");

    public static readonly ConfigKey<IReadOnlyList<string>> Servers = Define.List("proxysql-servers", "",
        "ProxySQL hosts.");

    public static readonly ConfigKey<int> Port = Define.Port("proxysql-port", 6033,
        "ProxySQL client port.");

    public static readonly ConfigKey<int> AdminPort = Define.Port("proxysql-admin-port", 6032,
        "ProxySQL admin port repman connects to.");

    public static readonly ConfigKey<string> User = Define.String("proxysql-user", "admin",
        "ProxySQL admin user.");

    public static readonly ConfigKey<string> Password = Define.Secret("proxysql-password", "admin",
        "ProxySQL admin password.");

    public static readonly ConfigKey<int> WriterHostgroup = Define.Int("proxysql-writer-hostgroup", 0, 0, int.MaxValue,
        "Hostgroup of the primary.");

    public static readonly ConfigKey<int> ReaderHostgroup = Define.Int("proxysql-reader-hostgroup", 1, 0, int.MaxValue,
        "Hostgroup of the replicas.");

    public static readonly ConfigKey<bool> Bootstrap = Define.Bool("proxysql-bootstrap", false,
        "Write the cluster's servers and hostgroups into ProxySQL at start.");

    public static readonly ConfigKey<bool> SaveToDisk = Define.Bool("proxysql-save-to-disk", false,
        "Persist ProxySQL changes with SAVE ... TO DISK.");
}
