using ReplicationManager.Core.Failover;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// A server restarted by the job script's <c>restart</c> task (spec 6.1.3): the job is posted, the script is run on
/// the host over SSH at once when repman has SSH (else the host's own schedule runs it), and the job's end decides.
/// </summary>
public sealed class ScriptRestart(ClusterJobs jobs, TimeSpan timeout) : IServerRestart
{
    /// <summary>The script's run over SSH and the server's stop and start, with room for a slow host.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public ScriptRestart(ClusterJobs jobs)
        : this(jobs, DefaultTimeout)
    {
    }

    public async Task RestartAsync(ServerAddress server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var restart = await jobs.Runner.StartAsync(new JobPlan(server, "restart", jobs.Engine.Mode), cancellationToken);
        if (!restart.IsAccepted)
            throw new RestartFailedException($"{server}: the restart job was refused: {restart.RefusedBecause}");
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        try
        {
            if (jobs.Options.Ssh.Enabled)
            {
                var run = await jobs.Runner.StartAsync(new JobPlan(server, JobTasks.DbJobs, JobMode.Local), bound.Token);
                if (run.IsAccepted)
                    await run.Completion!.WaitAsync(bound.Token);
            }
            var ended = await restart.Completion!.WaitAsync(bound.Token);
            if (ended.State != JobState.Success)
                throw new RestartFailedException($"{server}: the restart job ended {ended.State}: {ended.Result}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RestartFailedException($"{server}: the restart job did not end within {timeout.TotalSeconds:0} s");
        }
    }
}
