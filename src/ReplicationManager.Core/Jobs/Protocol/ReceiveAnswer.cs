namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// The answer to <c>actions/receive-task/{task}</c>: the port a receiver listens on for the job's stream, no receiver
/// for a task that streams nothing, or why there is none.
/// </summary>
public sealed record ReceiveAnswer(int? Port, string? RefusedBecause)
{
    public static readonly ReceiveAnswer NoReceiverNeeded = new(null, null);

    /// <summary>The words of the answer the scripts read: <c>RECEIVER_PORT=n</c> or <c>NO_RECEIVER_NEEDED</c>.</summary>
    public string Text => Port is { } port ? $"RECEIVER_PORT={port}" : "NO_RECEIVER_NEEDED";

    public static ReceiveAnswer Listening(int port) => new(port, null);

    public static ReceiveAnswer Refused(string reason) => new(null, reason);
}
