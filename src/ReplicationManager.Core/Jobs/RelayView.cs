namespace ReplicationManager.Core.Jobs;

/// <summary>
/// What a relay sees of a job's stream: its file so far, its status, the bytes the sender had sent when it closed
/// the stream (before the receiver's flush to disk), and the job once it ended.
/// </summary>
internal sealed record RelayView(string? Path, StreamStatus Status, long? SenderClosedAt, Job? Ended);
