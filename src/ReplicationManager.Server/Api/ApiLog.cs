namespace ReplicationManager.Server.Api;

/// <summary>The API's log lines (event ids 5000-5999). Passwords and tokens are never logged.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(5000, LogLevel.Information, "API and dashboard on {Url}; log in with: curl -k -d '{{\"username\":\"{User}\",\"password\":\"...\"}}' {LoginUrl} then send 'Authorization: Bearer <token>'")]
    public static partial void ApiListening(ILogger logger, string url, string user, string loginUrl);

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
}
