namespace ReplicationManager.Core.Monitoring;

/// <summary>The outcome of probing one server: a reading, or the failure and its reason.</summary>
internal sealed record ProbeResult
{
    private ProbeResult(ProbeReading? reading, ProbeFailure failure, string? reason, TimeSpan elapsed)
    {
        Reading = reading;
        Failure = failure;
        Reason = reason;
        Elapsed = elapsed;
    }

    /// <summary>What the probe read; null when it failed.</summary>
    public ProbeReading? Reading { get; }

    public ProbeFailure Failure { get; }

    /// <summary>Why it failed, in a few words (<c>connect refused</c>); null on success.</summary>
    public string? Reason { get; }

    /// <summary>How long the probe took (wall clock).</summary>
    public TimeSpan Elapsed { get; }

    public static ProbeResult Reached(ProbeReading reading, TimeSpan elapsed) => new(reading, ProbeFailure.None, null, elapsed);

    public static ProbeResult Unreachable(ProbeFailure failure, string reason, TimeSpan elapsed) => new(null, failure, reason, elapsed);
}
