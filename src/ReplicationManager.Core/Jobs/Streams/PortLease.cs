namespace ReplicationManager.Core.Jobs.Streams;

/// <summary>A port of the receiver pool held by one transfer; disposing gives it back exactly once.</summary>
public sealed class PortLease : IDisposable
{
    private ReceiverPortPool? _pool;

    internal PortLease(ReceiverPortPool pool, int port)
    {
        _pool = pool;
        Port = port;
    }

    /// <summary>The port to bind; 0 lets the operating system choose.</summary>
    public int Port { get; }

    public void Dispose() => Interlocked.Exchange(ref _pool, null)?.Release(Port);
}
