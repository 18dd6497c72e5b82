using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// Opens the receiver of a streaming job: waits (bounded) for a port of the pool, binds <c>monitoring-address</c>,
/// and starts the transfer as background work of the engine, stopped by the job's token.
/// </summary>
internal sealed class JobReceivers(ClusterOptions cluster, ReceiverPortPool ports, JobDestinations destinations, BackgroundWork work, TimeProvider time)
{
    private JobTimeouts Timeouts => cluster.Scheduler.Timeouts;

    /// <summary>The port the receiver listens on, or why none could be opened.</summary>
    /// <param name="cancellationToken">Also stops the wait for a port (a script that hung up); the job's own token always does.</param>
    public async Task<(int Port, string? Failure)> OpenAsync(InFlightJob job, CancellationToken cancellationToken)
    {
        var destination = destinations.For(job.Job.Target, job.Job.Task, time.GetUtcNow());
        var (receiver, failure) = await OpenOnPoolAsync(cluster, ports, destination, time, job.Token, cancellationToken);
        if (receiver is null)
            return (0, failure);
        Start(job, receiver);
        return (receiver.Endpoint.Port, null);
    }

    /// <summary>
    /// A receiver for <paramref name="task"/> on <paramref name="server"/> listening now, before its job exists, or
    /// null when no port of the pool is free at once. It accepts nobody until <see cref="Start"/>: a sender that
    /// connects meanwhile waits in the listen backlog.
    /// </summary>
    public async Task<StreamReceiver?> TryOpenAtOnceAsync(ServerAddress server, string task, CancellationToken cancellationToken) =>
        ports.TryAcquire() is { } lease ? await BindAsync(cluster, lease, destinations.For(server, task, time.GetUtcNow()), time, cancellationToken) : null;

    /// <summary>Starts the transfer of <paramref name="job"/>'s receiver as background work, stopped by the job's token.</summary>
    public void Start(InFlightJob job, StreamReceiver receiver)
    {
        receiver.CrashTask = job.Job.Task;
        var receive = work.Start(() => receiver.ReceiveAsync(Timeouts.StreamAccept, Timeouts.StreamIdle, job.Token));
        job.Listen(receiver, receive);
    }

    /// <summary>
    /// A receiver for <paramref name="destination"/> on a port of the pool, bound to <c>monitoring-address</c>, or why
    /// none: all ports stayed busy for <c>scheduler-jobs-port-wait-timeout</c>.
    /// </summary>
    /// <param name="owner">The token of what the receiver serves (a job, the checks' lifetime).</param>
    /// <param name="cancellationToken">The caller's.</param>
    internal static async Task<(StreamReceiver? Receiver, string? Failure)> OpenOnPoolAsync(ClusterOptions cluster, ReceiverPortPool ports, string destination,
        TimeProvider time, CancellationToken owner, CancellationToken cancellationToken)
    {
        var portWait = cluster.Scheduler.Timeouts.PortWait;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(owner, cancellationToken);
        PortLease lease;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(wait.Token))
        {
            deadline.CancelAfter(portWait);
            try
            {
                lease = await ports.AcquireAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!wait.IsCancellationRequested)
            {
                return (null, $"timed out after {JobProgress.Seconds(portWait)} waiting for a receiver port (all of scheduler-db-servers-sender-ports busy; scheduler-jobs-port-wait-timeout)");
            }
        }
        return (await BindAsync(cluster, lease, destination, time, wait.Token), null);
    }

    /// <summary>A receiver listening on the leased port of <c>monitoring-address</c>; the lease goes back if it cannot bind.</summary>
    private static async Task<StreamReceiver> BindAsync(ClusterOptions cluster, PortLease lease, string destination, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            return StreamReceiver.Open(await ReceiverAddress.ResolveAsync(cluster.Monitoring.MonitoringAddress, cancellationToken), lease, destination, time);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }
}
