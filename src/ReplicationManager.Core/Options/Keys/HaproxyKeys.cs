namespace ReplicationManager.Core.Options.Keys;

/// <summary>HAProxy in front of the cluster: a write frontend to the primary, a read frontend to the replicas.</summary>
public static class HaproxyKeys
{
    public static readonly ConfigKey<bool> Enabled = Define.Bool("haproxy", false,
        "Drive HAProxy for this cluster.");

    public static readonly ConfigKey<IReadOnlyList<string>> Servers = Define.List("haproxy-servers", "127.0.0.1",
        "HAProxy hosts.");

    public static readonly ConfigKey<int> WritePort = Define.Port("haproxy-write-port", 3306,
        "HAProxy frontend port that routes to the primary.");

    public static readonly ConfigKey<int> ReadPort = Define.Port("haproxy-read-port", 3307,
        "HAProxy frontend port that routes to the replicas.");

    public static readonly ConfigKey<int> StatPort = Define.Port("haproxy-stat-port", 1988,
        "HAProxy statistics port.");

    public static readonly ConfigKey<int> ApiPort = Define.Port("haproxy-api-port", 1999,
        "HAProxy runtime API port.");

    public static readonly ConfigKey<string> Mode = Define.OneOf("haproxy-mode", "runtimeapi", ["runtimeapi", "standby"],
        "How repman reconfigures HAProxy.");

    public static readonly ConfigKey<string> WriteBind = Define.String("haproxy-ip-write-bind", "0.0.0.0",
        "Address of the write frontend.");

    public static readonly ConfigKey<string> ReadBind = Define.String("haproxy-ip-read-bind", "0.0.0.0",
        "Address of the read frontend.");

    public static readonly ConfigKey<string> WriteBackend = Define.String("haproxy-api-write-backend", "service_write",
        "Name of the write backend in HAProxy.");

    public static readonly ConfigKey<string> ReadBackend = Define.String("haproxy-api-read-backend", "service_read",
        "Name of the read backend in HAProxy.");

    public static readonly ConfigKey<string> BinaryPath = Define.Path("haproxy-binary-path", "/usr/sbin/haproxy",
        "HAProxy binary, for locally managed HAProxy.");

    public static readonly ConfigKey<string> User = Define.String("haproxy-user", "admin",
        "HAProxy statistics user.");

    public static readonly ConfigKey<string> Password = Define.Secret("haproxy-password", "admin",
        "HAProxy statistics password.");
}
