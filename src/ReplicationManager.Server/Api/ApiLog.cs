namespace ReplicationManager.Server.Api;

/// <summary>The API's log lines (event ids 5000-5999). Passwords and tokens are never logged.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(5000, LogLevel.Information, "API and dashboard on {Url}; log in with: curl -k -d '{{\"username\":\"{User}\",\"password\":\"...\"}}' {LoginUrl} then send 'Authorization: Bearer <token>'")]
    public static partial void ApiListening(ILogger logger, string url, string user, string loginUrl);

    [LoggerMessage(5024, LogLevel.Information, "Dashboard on {Url}/ (files in {Root})")]
    public static partial void DashboardServed(ILogger logger, string url, string root);

    [LoggerMessage(5025, LogLevel.Warning, "No dashboard in {Root} (no index.html): the API works without it; build it with scripts/setup.sh or set http-root")]
    public static partial void DashboardMissing(ILogger logger, string root);

    [LoggerMessage(5001, LogLevel.Information, "Proxy check port on {Url} (is-master, is-slave, heartbeat)")]
    public static partial void CheckPortListening(ILogger logger, string url);

    [LoggerMessage(5002, LogLevel.Error, "API not started: api-credentials is empty and repman has no default password; set api-credentials = \"user:password\" in the configuration")]
    public static partial void NoCredentials(ILogger logger);

    [LoggerMessage(5003, LogLevel.Warning, "API user {User} has no password in api-credentials and cannot log in")]
    public static partial void UserWithoutPassword(ILogger logger, string user);

    [LoggerMessage(5004, LogLevel.Warning, "ACL grant '{Grant}' in api-credentials-acl-allow or -discard matches no known grant")]
    public static partial void UnknownGrant(ILogger logger, string grant);

    [LoggerMessage(5005, LogLevel.Information, "Generated a self-signed API certificate in {Path} (valid until {NotAfter:yyyy-MM-dd})")]
    public static partial void CertificateCreated(ILogger logger, string path, DateTime notAfter);

    [LoggerMessage(5006, LogLevel.Debug, "Reusing the API certificate {Path}")]
    public static partial void CertificateReused(ILogger logger, string path);

    [LoggerMessage(5007, LogLevel.Information, "Created the API token signing key {Path}")]
    public static partial void SigningKeyCreated(ILogger logger, string path);

    [LoggerMessage(5008, LogLevel.Warning, "The API token signing key {Path} holds {Length} bytes, too few: replaced by a new key (tokens issued before are refused)")]
    public static partial void SigningKeyReplaced(ILogger logger, string path, int length);

    [LoggerMessage(5009, LogLevel.Warning, "{Path} was readable by other users: narrowed to mode 0600")]
    public static partial void KeyFileRestricted(ILogger logger, string path);

    [LoggerMessage(5010, LogLevel.Information, "API login of {User} from {Client}")]
    public static partial void LoginSucceeded(ILogger logger, string user, string client);

    [LoggerMessage(5011, LogLevel.Warning, "API login failed for '{User}' from {Client}")]
    public static partial void LoginFailed(ILogger logger, string user, string client);

    [LoggerMessage(5012, LogLevel.Warning, "API logins from {Client} locked for {Duration} after {Failures} failures")]
    public static partial void LoginLockedOut(ILogger logger, string client, TimeSpan duration, int failures);

    [LoggerMessage(5013, LogLevel.Debug, "API request to {Path} refused: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string path, string reason);

    [LoggerMessage(5014, LogLevel.Information, "API request of {User} to {Path} refused: missing grant {Grant}")]
    public static partial void GrantRefused(ILogger logger, string user, string grant, string path);

    [LoggerMessage(5015, LogLevel.Warning, "The self-signed API certificate {Path} expires on {NotAfter:yyyy-MM-dd}: replaced by a new one")]
    public static partial void CertificateRenewed(ILogger logger, string path, DateTime notAfter);

    [LoggerMessage(5016, LogLevel.Information, "API on {Url} with the certificate {Path}")]
    public static partial void CertificateConfigured(ILogger logger, string url, string path);

    [LoggerMessage(5017, LogLevel.Warning, "Job script token of {Server} in {Cluster} refused on {Path}: outside its scope")]
    public static partial void ScopeRefused(ILogger logger, string cluster, string server, string path);

    [LoggerMessage(5018, LogLevel.Information, "Job script of {Server} in {Cluster} logged in from {Client} ({Form})")]
    public static partial void ScriptLoggedIn(ILogger logger, string server, string cluster, string client, string form);

    [LoggerMessage(5019, LogLevel.Warning, "Job script login for {Server} in {Cluster} from {Client} refused: {Reason}")]
    public static partial void ScriptLoginRefused(ILogger logger, string server, string cluster, string client, string reason);

    [LoggerMessage(5020, LogLevel.Warning, "Job script logins from {Client} (or for {Server}) locked for {Duration} after repeated failures")]
    public static partial void ScriptLoginLockedOut(ILogger logger, string client, string server, TimeSpan duration);

    [LoggerMessage(5021, LogLevel.Warning, "Job script of {Server} in {Cluster} {What} without replay protection: it runs replication-manager's script or an older one; install repman's dbjobs_new there")]
    public static partial void NoReplayProtection(ILogger logger, string server, string cluster, string what);

    [LoggerMessage(5022, LogLevel.Information, "Job script system account {User} created for the job scripts of {Cluster} (grants db proxy)")]
    public static partial void ScriptAccountCreated(ILogger logger, string user, string cluster);

    [LoggerMessage(5023, LogLevel.Debug, "Job script call {Path} refused: {Reason}")]
    public static partial void ScriptCallRefused(ILogger logger, string path, string reason);
}
