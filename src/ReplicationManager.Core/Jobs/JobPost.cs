namespace ReplicationManager.Core.Jobs;

/// <summary>
/// A row to put on a server's board for <see cref="Task"/>: its first state, the port of a receiver already
/// listening (0 for none), the result it starts with, and the repman process that drives it.
/// </summary>
/// <param name="Initial">
/// <see cref="JobState.Pending"/> for the script to take now, <see cref="JobState.Halted"/> to hold it back while
/// repman prepares its receiver, or <see cref="JobState.Processing"/> for a job repman runs itself.
/// </param>
public sealed record JobPost(string Task, JobState Initial, int Port, string? Result, JobOwner Owner);
