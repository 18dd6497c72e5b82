namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// The answer to <c>actions/receive-task/{task}</c>: the port a receiver listens on for the job's stream (and the
/// token its stream must begin with, when the script asked for one), no receiver for a task that streams nothing, or
/// why there is none.
/// </summary>
public sealed record ReceiveAnswer(int? Port, string? RefusedBecause, string? Token = null)
{
    public static readonly ReceiveAnswer NoReceiverNeeded = new(null, null);

    /// <summary>
    /// The words of the answer the scripts read: <c>RECEIVER_PORT=n</c> (then <c>RECEIVER_TOKEN=hex</c> on a line of its
    /// own when asked for) or <c>NO_RECEIVER_NEEDED</c>.
    /// </summary>
    public string Text => Port is { } port
        ? Token is { } token ? $"RECEIVER_PORT={port}\nRECEIVER_TOKEN={token}" : $"RECEIVER_PORT={port}"
        : "NO_RECEIVER_NEEDED";

    public static ReceiveAnswer Listening(int port, string? token = null) => new(port, null, token);

    public static ReceiveAnswer Refused(string reason) => new(null, reason);
}
