using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>
/// <c>receive-jobs-check</c>: a receiver on a pool port takes the script a host streams back (at most
/// <see cref="MaxScriptBytes"/>), and its SHA-256 is compared with repman's script. The latest result is kept per
/// server and a host running another script shows WARN0208 until it is upgraded. Receiving is background work,
/// awaited when the checks are disposed.
/// </summary>
public sealed class JobScriptChecks(ClusterOptions cluster, ReceiverPortPool ports, JobDestinations destinations, JobScriptFile script, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    public const long MaxScriptBytes = 4 << 20;

    private static readonly TimeSpan AcceptTimeout = TimeSpan.FromSeconds(120);

    private readonly ConcurrentDictionary<ServerAddress, ScriptCheck> _checks = new();
    private readonly BackgroundWork _work = new();
    private readonly CancellationTokenSource _lifetime = new();

    public JobScriptFile Script => script;

    public ScriptCheck? Of(ServerAddress server) => _checks.GetValueOrDefault(server);

    public IReadOnlyList<JobWarning> Warnings => _checks.Values
        .Where(check => check.UpgradeNeeded)
        .Select(check => new JobWarning("WARN0208", $"Job script on server {check.Server} differs from repman's: upgrade needed (send-jobs-upgrade)", check.Server))
        .ToList();

    /// <summary>Opens a receiver for the host's script and answers its port; the comparison happens when it arrives.</summary>
    public async Task<ReceiveAnswer> OpenAsync(ServerAddress server, CancellationToken cancellationToken)
    {
        var destination = Path.Combine(destinations.LogDirectory(server), "dbjobs_new.received");
        var (receiver, failure) = await JobReceivers.OpenOnPoolAsync(cluster, ports, destination, time, _lifetime.Token, cancellationToken);
        if (receiver is null)
            return ReceiveAnswer.Refused(failure!);
        _work.Start(() => CompareAsync(server, receiver));
        return ReceiveAnswer.Listening(receiver.Endpoint.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        await _work.WhenAllAsync();
        _lifetime.Dispose();
    }

    private async Task CompareAsync(ServerAddress server, StreamReceiver receiver)
    {
        await using (receiver)
        {
            ScriptCheck check;
            try
            {
                var receipt = await receiver.ReceiveAsync(AcceptTimeout, cluster.Scheduler.Timeouts.StreamIdle, _lifetime.Token, MaxScriptBytes);
                var (_, current, failure) = await script.ReadAsync(_lifetime.Token);
                check = new ScriptCheck(server.ToString(), receipt.Sha256, current, time.GetUtcNow(), failure);
            }
            catch (StreamTransferException ex)
            {
                check = new ScriptCheck(server.ToString(), null, null, time.GetUtcNow(), ex.Message);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _checks[server] = check;
            JobLog.ScriptChecked(logger, server, cluster.Name, check.UpgradeNeeded ? "upgrade needed" : check.Failure ?? "up to date");
        }
    }
}
