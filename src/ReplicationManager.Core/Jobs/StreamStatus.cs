using ReplicationManager.Core.Jobs.Streams;

namespace ReplicationManager.Core.Jobs;

/// <summary>Where a job's stream stands, as the receiver last showed it.</summary>
public sealed record StreamStatus
{
    private StreamStatus(StreamStatusKind kind, StreamReceipt? receipt, string? failure)
    {
        Kind = kind;
        Receipt = receipt;
        Failure = failure;
    }

    /// <summary>The job streams nothing back (or its receiver is not open yet).</summary>
    public static StreamStatus None { get; } = new(StreamStatusKind.None, null, null);

    /// <summary>A receiver listens or receives; the stream has not ended.</summary>
    public static StreamStatus Open { get; } = new(StreamStatusKind.Open, null, null);

    public StreamStatusKind Kind { get; }

    /// <summary>The complete stream, for <see cref="StreamStatusKind.Received"/>.</summary>
    public StreamReceipt? Receipt { get; }

    /// <summary>Why the stream did not arrive whole, for <see cref="StreamStatusKind.Failed"/>.</summary>
    public string? Failure { get; }

    /// <summary>The sender closed the stream; every byte is in the temporary file.</summary>
    public static StreamStatus Received(StreamReceipt receipt) => new(StreamStatusKind.Received, receipt, null);

    /// <summary>No sender came, it went silent, or it was cut.</summary>
    public static StreamStatus Failed(string reason) => new(StreamStatusKind.Failed, null, reason);
}

/// <summary>The kinds of <see cref="StreamStatus"/>.</summary>
public enum StreamStatusKind
{
    /// <summary>No receiver.</summary>
    None,

    /// <summary>Listening or receiving.</summary>
    Open,

    /// <summary>Arrived whole, not yet kept.</summary>
    Received,

    /// <summary>Did not arrive whole; nothing was kept.</summary>
    Failed,
}
