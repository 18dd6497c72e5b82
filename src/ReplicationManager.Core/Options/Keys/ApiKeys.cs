using static ReplicationManager.Core.Options.ConfigScope;

namespace ReplicationManager.Core.Options.Keys;

/// <summary>The HTTPS API and dashboard (10005) and the plain HTTP check port for proxies (10001).</summary>
public static class ApiKeys
{
    public static readonly ConfigKey<bool> ApiServer = Define.Bool("api-server", true,
        "Serve the HTTPS REST API and dashboard.", Global);

    public static readonly ConfigKey<int> ApiPort = Define.Port("api-port", 10005,
        "Port of the HTTPS REST API and dashboard.", Global);

    public static readonly ConfigKey<string> ApiBind = Define.String("api-bind", "0.0.0.0",
        "Address the HTTPS API listens on.", Global);

    public static readonly ConfigKey<IReadOnlyList<string>> ApiCredentials = new ConfigKey<IReadOnlyList<string>>(
        "api-credentials", "user:password list", [], "\"\"",
        "API users as user:password, separated by commas. No default: without it the API does not start.", Global, ConfigValues.Words)
    {
        IsSecret = true,
    }.AlsoNamed("api-credential", "api-user");

    public static readonly ConfigKey<IReadOnlyList<string>> ApiAclAllow = Define.List("api-credentials-acl-allow",
        "admin:global cluster proxy db prov,dba:cluster proxy db",
        "Grants per user, user:grant grant..., separated by commas; a grant gives every grant it prefixes (db gives db-jobs).", Global);

    public static readonly ConfigKey<IReadOnlyList<string>> ApiAclDiscard = Define.List("api-credentials-acl-discard", "",
        "Grants taken away from users, in the same form as api-credentials-acl-allow.", Global);

    public static readonly ConfigKey<TimeSpan> ApiTokenTimeout = Define.Hours("api-token-timeout", 48, 1,
        "Hours an API token (JWT) stays valid.", Global);

    public static readonly ConfigKey<string> SslCert = Define.Path("monitoring-ssl-cert", "",
        "TLS certificate of the HTTPS API; a self-signed one is generated in the data directory when empty.", Global);

    public static readonly ConfigKey<string> SslKey = Define.Path("monitoring-ssl-key", "",
        "Key of monitoring-ssl-cert.", Global);

    public static readonly ConfigKey<bool> HttpServer = Define.Bool("http-server", true,
        "Serve the plain HTTP check port that proxies query for primary and replica status.", Global);

    public static readonly ConfigKey<int> HttpPort = Define.Port("http-port", 10001,
        "Port of the plain HTTP check endpoints (is-master, is-slave, heartbeat).", Global);

    public static readonly ConfigKey<string> HttpRoot = Define.Path("http-root", "",
        "Folder of the web dashboard served on api-port; empty: the dashboard shipped beside the executable (replication-manager's own dashboard files do not fit repman's).", Global);

    public static readonly ConfigKey<bool> MetricsOnCheckPort = Define.Bool("prometheus-check-port", false,
        "(repman) Also serve /metrics (Prometheus) without a token on the plain check port, for scrapers; on api-port /metrics needs a token holding cluster-show-graphs.", Global);

    public static readonly ConfigKey<string> HttpBindAddress = Define.String("http-bind-address", "localhost",
        "Address the HTTP check port listens on; set it to an address your proxies reach.", Global);
}
