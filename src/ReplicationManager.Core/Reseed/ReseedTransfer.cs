namespace ReplicationManager.Core.Reseed;

/// <summary>One reseed in flight: its plan, and how far repman's send to the joiner went.</summary>
internal sealed class ReseedTransfer(ReseedPlan plan) : IDisposable
{
    private long _sent;
    private int _whole;

    public ReseedPlan Plan => plan;

    /// <summary>The donor's backup job whose stream is relayed, for a reseed from a live donor; null for a stored backup.</summary>
    public long? DonorJobId { get; init; }

    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>The send, once the joiner said it listens; null before.</summary>
    public Task? Sending { get; set; }

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Every byte of the backup was written to the joiner.</summary>
    public bool IsWhole => Volatile.Read(ref _whole) == 1;

    /// <summary>Why the send stopped short, when it did.</summary>
    public string? Failure { get; set; }

    public void Progress(long sent, bool whole)
    {
        Interlocked.Exchange(ref _sent, sent);
        if (whole)
            Volatile.Write(ref _whole, 1);
    }

    public void Dispose() => Cancellation.Dispose();
}
