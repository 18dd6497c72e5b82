using ReplicationManager.Core.Jobs.Protocol;

namespace ReplicationManager.Server.Api.Auth;

/// <summary>
/// What stands between secret-login and guessing: the nonces already used, and failure counters per client address
/// (a few failures lock it out briefly) and per server (many failures, from anywhere, lock that server's logins out
/// briefly), each answered with 429. A success clears the counters it touched.
/// </summary>
internal sealed class ScriptLoginGuard(TimeProvider time)
{
    public const int FailuresPerClient = 5;
    public const int FailuresPerServer = 20;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(1);

    private readonly LoginThrottle _clients = new(time, FailuresPerClient, Lockout);
    private readonly LoginThrottle _servers = new(time, FailuresPerServer, Lockout);

    public NonceCache Nonces { get; } = new(time);

    /// <summary>How long the caller must wait, or null when it may try.</summary>
    public TimeSpan? LockedFor(string client, string server) =>
        _clients.LockedFor(client) is { } wait ? wait : _servers.LockedFor(server);

    /// <summary>Counts a failure; returns the lockout it starts, if any.</summary>
    public TimeSpan? Failed(string client, string server)
    {
        var byClient = _clients.Failed(client);
        var byServer = _servers.Failed(server);
        return byClient ?? byServer;
    }

    public void Succeeded(string client, string server)
    {
        _clients.Succeeded(client);
        _servers.Succeeded(server);
    }
}
