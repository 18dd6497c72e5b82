namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The background tasks a component starts and must wait for when it stops: each is kept until it ends, and
/// <see cref="WhenAllAsync"/> awaits those still running. Nothing it starts is fire-and-forget; each task handles
/// its own failures, so waiting for them never throws.
/// </summary>
internal sealed class BackgroundWork
{
    private readonly object _gate = new();
    private readonly HashSet<Task> _running = [];

    /// <summary>Starts <paramref name="work"/> on the thread pool and keeps it until it ends.</summary>
    public Task<T> Start<T>(Func<Task<T>> work)
    {
        var task = Task.Run(work);
        Track(task);
        return task;
    }

    /// <summary>Starts <paramref name="work"/> on the thread pool and keeps it until it ends; it reports its own outcome.</summary>
    public void Start(Func<Task> work) => Track(Task.Run(work));

    /// <summary>Starts <paramref name="work"/> like <see cref="Start(Func{Task})"/>, for a caller that also waits on it.</summary>
    public Task Run(Func<Task> work)
    {
        var task = Task.Run(work);
        Track(task);
        return task;
    }

    /// <summary>Tasks still running.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _running.Count;
        }
    }

    /// <summary>Completes when every task started so far has ended, whatever its outcome.</summary>
    public async Task WhenAllAsync()
    {
        Task[] running;
        lock (_gate)
            running = [.. _running];
        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Track(Task task)
    {
        lock (_gate)
            _running.Add(task);
        // Observing the outcome here also keeps a failure from surfacing as an unobserved task exception.
        task.ContinueWith(done =>
        {
            _ = done.Exception;
            lock (_gate)
                _running.Remove(done);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
