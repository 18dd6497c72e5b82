namespace ReplicationManager.Server.Api.Auth;

/// <summary>
/// Failed logins per key (a client address, a server). The <c>maxFailures</c>-th failure in a row (by default the third)
/// locks the key out for <c>lockout</c> (by default <see cref="LockoutDuration"/>); a success, or the end of the
/// lockout, starts the count again. Failures further apart than the lockout duration do not add up.
/// </summary>
internal sealed class LoginThrottle(TimeProvider timeProvider, int maxFailures = LoginThrottle.MaxFailures, TimeSpan? lockout = null)
{
    public const int MaxFailures = 3;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(3);

    // Bounds memory when many addresses fail once: past this size, stale entries are swept.
    private const int SweepThreshold = 10_000;

    private readonly Dictionary<string, Attempts> _clients = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeSpan _lockout = lockout ?? LockoutDuration;

    /// <summary>How long the client must still wait, or null when it may try.</summary>
    public TimeSpan? LockedFor(string client)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (!_clients.TryGetValue(client, out var attempts) || attempts.LockedUntil is not { } until)
                return null;
            if (now < until)
                return until - now;
            _clients.Remove(client);
            return null;
        }
    }

    /// <summary>Counts a failure; returns the lockout it starts, if it is the last allowed one.</summary>
    public TimeSpan? Failed(string client)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_clients.Count >= SweepThreshold)
                Sweep(now);
            var previous = _clients.GetValueOrDefault(client);
            var count = previous is not null && now - previous.LastFailure < _lockout ? previous.Count + 1 : 1;
            var lockedUntil = count >= maxFailures ? now + _lockout : (DateTimeOffset?)null;
            _clients[client] = new Attempts(count, now, lockedUntil);
            return lockedUntil is null ? null : _lockout;
        }
    }

    public void Succeeded(string client)
    {
        lock (_lock)
            _clients.Remove(client);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (client, attempts) in _clients.ToList())
        {
            if (now - attempts.LastFailure >= _lockout && (attempts.LockedUntil is null || attempts.LockedUntil <= now))
                _clients.Remove(client);
        }
    }

    private sealed record Attempts(int Count, DateTimeOffset LastFailure, DateTimeOffset? LockedUntil);
}
