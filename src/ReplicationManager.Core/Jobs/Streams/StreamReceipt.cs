using System.Net;

namespace ReplicationManager.Core.Jobs.Streams;

/// <summary>What a receiver got: a complete stream in a temporary file, not yet listed anywhere.</summary>
public sealed record StreamReceipt(string PartialPath, long Bytes, TimeSpan Duration, string Sha256, EndPoint? Sender)
{
    /// <summary>Bytes per second over the transfer.</summary>
    public double Rate => Duration > TimeSpan.Zero ? Bytes / Duration.TotalSeconds : 0;
}
