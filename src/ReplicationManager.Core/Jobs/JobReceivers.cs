using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Options;

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
        PortLease lease;
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(job.Token, cancellationToken))
        {
            wait.CancelAfter(Timeouts.PortWait);
            try
            {
                lease = await ports.AcquireAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!job.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return (0, $"timed out after {JobProgress.Seconds(Timeouts.PortWait)} waiting for a receiver port (all of scheduler-db-servers-sender-ports busy; scheduler-jobs-port-wait-timeout)");
            }
        }
        var destination = destinations.For(job.Job.Target, job.Job.Task, time.GetUtcNow());
        StreamReceiver receiver;
        try
        {
            receiver = StreamReceiver.Open(await ReceiverAddress.ResolveAsync(cluster.Monitoring.MonitoringAddress, job.Token), lease, destination, time);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
        var receive = work.Start(() => receiver.ReceiveAsync(Timeouts.StreamAccept, Timeouts.StreamIdle, job.Token));
        job.Listen(receiver, receive);
        return (receiver.Endpoint.Port, null);
    }
}
