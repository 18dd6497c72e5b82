using System.Collections.Concurrent;

namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// The nonces of recent secret-logins, each kept for <see cref="Keep"/>, so a captured login cannot be replayed.
/// Bounded: past <see cref="Capacity"/> live entries a new nonce is refused rather than an old one forgotten early.
/// </summary>
public sealed class NonceCache(TimeProvider time)
{
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>True the first time a nonce is offered within <see cref="Keep"/>; false for a replay (or a full cache).</summary>
    public bool TryUse(string nonce)
    {
        var now = time.GetUtcNow();
        if (now >= _nextSweep || _seen.Count >= Capacity)
        {
            foreach (var (old, at) in _seen)
            {
                if (now - at > Keep)
                    _seen.TryRemove(old, out _);
            }
            _nextSweep = now + TimeSpan.FromMinutes(1);
        }
        if (_seen.TryGetValue(nonce, out var seenAt) && now - seenAt <= Keep)
            return false;
        return _seen.Count < Capacity && _seen.TryAdd(nonce, now);
    }
}
