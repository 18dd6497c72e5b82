namespace ReplicationManager.Server.Api.Auth;

/// <summary>
/// An api-credentials password checked under the login lockout and logged, the same way for <c>/api/login</c> and for
/// HTTP Basic on the scrapers' routes.
/// </summary>
internal sealed class PasswordCheck(ApiUserDirectory users, LoginThrottle throttle, ILogger<PasswordCheck> logger)
{
    /// <summary>The user, or null; with how long the client's address is still locked out when it is (nothing checked then).</summary>
    public (ApiUser? User, TimeSpan? LockedFor) Check(string client, string userName, string password)
    {
        if (throttle.LockedFor(client) is { } wait)
            return (null, wait);
        var user = users.Authenticate(userName, password);
        if (user is null)
        {
            ApiLog.LoginFailed(logger, userName, client);
            if (throttle.Failed(client) is { } lockout)
                ApiLog.LoginLockedOut(logger, client, lockout, LoginThrottle.MaxFailures);
            return (null, null);
        }
        throttle.Succeeded(client);
        return (user, null);
    }
}
