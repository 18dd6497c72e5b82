namespace ReplicationManager.Core.Jobs.Streams;

/// <summary>
/// The ports repman's stream receivers may bind (scheduler-db-servers-sender-ports): one port per concurrent
/// transfer, given back when it ends. With a configured pool only those ports are used; when all are busy a transfer
/// waits its turn, visibly, and never falls back to another port (DECISIONS 5). Without a pool each receiver asks the
/// operating system for a free port.
/// </summary>
public sealed class ReceiverPortPool
{
    private readonly object _gate = new();
    private readonly Queue<int> _free;
    private readonly LinkedList<TaskCompletionSource<int>> _waiters = new();

    public ReceiverPortPool(IReadOnlyList<int> ports)
    {
        Ports = ports;
        _free = new Queue<int>(ports);
    }

    /// <summary>The configured ports; empty when the operating system chooses.</summary>
    public IReadOnlyList<int> Ports { get; }

    public bool IsPinned => Ports.Count > 0;

    /// <summary>Transfers waiting for a port right now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
                return _waiters.Count;
        }
    }

    /// <summary>
    /// A port to bind, or 0 (any port) when the pool is not pinned. Waits while every pinned port is in use;
    /// the lease gives the port back when disposed.
    /// </summary>
    public async Task<PortLease> AcquireAsync(CancellationToken cancellationToken)
    {
        if (!IsPinned)
            return new PortLease(this, 0);
        TaskCompletionSource<int> waiter;
        LinkedListNode<TaskCompletionSource<int>> node;
        lock (_gate)
        {
            if (_free.TryDequeue(out var port))
                return new PortLease(this, port);
            waiter = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }
        await using (cancellationToken.Register(() => Abandon(node)))
            return new PortLease(this, await waiter.Task);
    }

    /// <summary>
    /// A port at once, or null when every pinned port is in use or transfers already wait for one (they come first).
    /// </summary>
    public PortLease? TryAcquire()
    {
        if (!IsPinned)
            return new PortLease(this, 0);
        lock (_gate)
            return _waiters.Count == 0 && _free.TryDequeue(out var port) ? new PortLease(this, port) : null;
    }

    internal void Release(int port)
    {
        if (port == 0)
            return;
        lock (_gate)
        {
            while (_waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                if (first.Value.TrySetResult(port))
                    return;
            }
            _free.Enqueue(port);
        }
    }

    private void Abandon(LinkedListNode<TaskCompletionSource<int>> node)
    {
        lock (_gate)
        {
            if (node.List is not null)
                _waiters.Remove(node);
        }
        // A port handed over just before the cancellation stays with the acquirer, whose lease gives it back.
        node.Value.TrySetCanceled();
    }
}
