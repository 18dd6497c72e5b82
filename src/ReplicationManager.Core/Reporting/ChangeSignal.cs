namespace ReplicationManager.Core.Reporting;

/// <summary>
/// "Something changed": a pulse that live readers (the dashboard's event stream) wait on instead of polling. Take
/// <see cref="Next"/> before reading the state, then await it: a change made after the read is never missed.
/// </summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next <see cref="Pulse"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
