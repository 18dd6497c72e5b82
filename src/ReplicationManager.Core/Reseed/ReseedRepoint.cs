using System.Globalization;
using ReplicationManager.Core.Failover;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.PostJob;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Reseed;

/// <summary>
/// The post-job step of a reseed: once the joiner runs on the new data, it replicates from the current primary after
/// the backup's GTID (the position the script reported, else the backup's), read-only, and the job succeeds only when
/// both replication threads run.
/// </summary>
internal sealed class ReseedRepoint(ClusterOptions cluster, IClusterRegistry registry, TimeProvider time)
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReplicatingWithin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public async Task<PostJobOutcome> RunAsync(Job job, ReseedPlan plan, CancellationToken cancellationToken)
    {
        var position = job.Position ?? plan.Source.Position;
        var (succeeded, message) = await RepointAsync(plan, position.Gtid, cancellationToken);
        return succeeded ? PostJobOutcome.Success(message) with { Position = position } : PostJobOutcome.Failure(message);
    }

    /// <summary>Points the joiner at the current primary after <paramref name="gtid"/>, read-only; true once both threads run.</summary>
    public async Task<(bool Succeeded, string Message)> RepointAsync(ReseedPlan plan, string? gtid, CancellationToken cancellationToken)
    {
        if (!GtidList.TryParse(gtid, out var startAfter) || startAfter.IsEmpty)
            return (false, $"the restored data's GTID '{gtid}' cannot be read: {plan.Joiner} runs on the new data but does not replicate; set gtid_slave_pos and CHANGE MASTER by hand");
        var snapshot = registry.GetSnapshot(cluster.Name);
        var primary = snapshot?.Primary?.Address ?? plan.Primary;
        if (snapshot?.Find(plan.Joiner) is not { } joiner)
            return (false, $"{plan.Joiner} is no longer a server of the cluster");
        await using var admin = await OpenAsync(joiner, cancellationToken);
        if (admin is null)
            return (false, $"{plan.Joiner} did not answer within {AnswerWithin.TotalSeconds:0}s on the new data");
        await admin.ReplicateFromAsync(primary, cluster.Monitoring.ReplicationCredential, startAfter, cancellationToken);
        await admin.SetReadOnlyAsync(true, cancellationToken);
        var deadline = time.GetUtcNow() + ReplicatingWithin;
        var last = (Io: false, Sql: false, LastError: "");
        while (time.GetUtcNow() < deadline)
        {
            last = await admin.ReplicationThreadsAsync(cancellationToken);
            if (last.Io && last.Sql)
                return (true, $"replicating from {primary} after GTID {startAfter} (read_only)");
            if (last.LastError.Length > 0 && !last.Sql)
                break;
            await Task.Delay(Poll, time, cancellationToken);
        }
        return (false, string.Create(CultureInfo.InvariantCulture,
            $"{plan.Joiner} runs on the new data but does not replicate from {primary} (IO {(last.Io ? "Yes" : "No")}, SQL {(last.Sql ? "Yes" : "No")}): {last.LastError}"));
    }

    /// <summary>A session on the joiner as repman opens them for a change (the extra port first), waiting for it to answer.</summary>
    public async Task<ServerAdmin?> OpenAsync(ServerAddress joiner, CancellationToken cancellationToken) =>
        registry.GetSnapshot(cluster.Name)?.Find(joiner) is { } server ? await OpenAsync(server, cancellationToken) : null;

    private async Task<ServerAdmin?> OpenAsync(ServerSnapshot joiner, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + AnswerWithin;
        while (true)
        {
            try
            {
                return await ServerAdmin.OpenAsync(cluster.Monitoring, joiner, TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (MariaDbException) when (time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
            catch (MariaDbException)
            {
                return null;
            }
        }
    }
}
