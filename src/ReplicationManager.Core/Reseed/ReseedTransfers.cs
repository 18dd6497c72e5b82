using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.PostJob;
using ReplicationManager.Core.Logging;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Reseed;

/// <summary>
/// The reseeds in flight of one cluster, as the engine's hooks: when the joiner's script says it listens (waiting,
/// with the free space beside its data directory) repman checks the room and sends the backup to its SST port; when
/// the script says what it received, repman compares it with what it sent, so that a cut stream is never prepared and
/// swapped in; once the script reports done, the joiner is re-pointed (<see cref="ReseedRepoint"/>).
/// </summary>
public sealed partial class ReseedTransfers : IJobHooks, IAsyncDisposable
{
    private static readonly TimeSpan ConnectWithin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SendSettleWithin = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<long, ReseedTransfer> _transfers = new();
    private readonly BackgroundWork _work = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ClusterOptions _cluster;
    private readonly JobEngine _engine;
    private readonly ReseedRepoint _repoint;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal ReseedTransfers(ClusterOptions cluster, JobEngine engine, ReseedRepoint repoint, TimeProvider time, ILogger logger)
    {
        _cluster = cluster;
        _engine = engine;
        _repoint = repoint;
        _time = time;
        _logger = logger;
    }

    public static bool IsReseed(string task) =>
        task is JobTasks.ReseedMariabackup or JobTasks.ReseedXtrabackup or JobTasks.FlashbackMariabackup or JobTasks.FlashbackXtrabackup;

    /// <summary>The room a backup needs beside the joiner's data directory: its size, a tenth more for the prepare, 64 MiB.</summary>
    public static long RoomFor(long bytes) => bytes + bytes / 10 + (64L << 20);

    /// <summary>
    /// The reseed of job <paramref name="jobId"/> follows <paramref name="plan"/>; once <paramref name="ended"/> completes
    /// (however the job ended: refused, timed out, cancelled), its send stops and it is forgotten.
    /// </summary>
    internal void Expect(long jobId, ReseedPlan plan, long? donorJobId = null, Task<Job>? ended = null)
    {
        _transfers[jobId] = new ReseedTransfer(plan) { DonorJobId = donorJobId };
        if (ended is null)
            return;
        _work.Start(async () =>
        {
            try
            {
                await ended.WaitAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await CancelAsync(jobId);
        });
    }

    /// <summary>The plans in flight, by job id (for the API).</summary>
    public IReadOnlyDictionary<long, ReseedPlan> InFlight => _transfers.ToDictionary(entry => entry.Key, entry => entry.Value.Plan);

    /// <summary>Stops repman's send of a reseed (the job was cancelled).</summary>
    public async Task CancelAsync(long jobId)
    {
        if (_transfers.TryRemove(jobId, out var transfer))
            await StopAsync(transfer);
    }

    public async Task<string?> BeforeReportAsync(Job job, JobState state, string? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!IsReseed(job.Task) || state == JobState.Error)
            return null;
        if (!_transfers.TryGetValue(job.Id, out var transfer))
            return $"repman has no reseed in flight for job {job.Id} (it restarted since the reseed started): nothing is sent, {job.Target} keeps its data";
        return state switch
        {
            JobState.Halted => RoomRefusal(transfer, result),
            JobState.Processing when transfer.Sending is { } sending => await StreamRefusalAsync(transfer, sending, result, cancellationToken),
            _ => null,
        };
    }

    public async Task AfterReportAsync(Job job, JobState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!IsReseed(job.Task) || !_transfers.TryGetValue(job.Id, out var transfer))
            return;
        if (state == JobState.Error)
        {
            if (_transfers.TryRemove(job.Id, out _))
                await StopAsync(transfer);
            return;
        }
        if (state == JobState.Halted && transfer.Sending is null)
            transfer.Sending = _work.Run(() => SendAsync(job, transfer));
    }

    public Func<Job, CancellationToken, Task<PostJobOutcome>>? PostJob(string task) => IsReseed(task) ? RepointAsync : null;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var transfer in _transfers.Values)
            await transfer.Cancellation.CancelAsync();
        await _work.WhenAllAsync();
        foreach (var transfer in _transfers.Values)
            transfer.Dispose();
        _transfers.Clear();
        _stopping.Dispose();
    }

    private async Task<PostJobOutcome> RepointAsync(Job job, CancellationToken cancellationToken)
    {
        if (!_transfers.TryRemove(job.Id, out var transfer))
            return PostJobOutcome.Failure($"repman has no reseed plan for job {job.Id} (it restarted since): {job.Target} runs on the new data but is not re-pointed");
        using (transfer)
            return await _repoint.RunAsync(job, transfer.Plan, cancellationToken);
    }

    private static string? RoomRefusal(ReseedTransfer transfer, string? result)
    {
        if (result is null || FreeBytes().Match(result) is not { Success: true } match
            || !long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var free))
            return null;
        var needed = RoomFor(transfer.Plan.Source.Bytes);
        return free >= needed
            ? null
            : $"{transfer.Plan.Joiner} has {free} bytes free beside its data directory; backup {transfer.Plan.Source.Id} needs {needed} " +
              $"({transfer.Plan.Source.Bytes} bytes, a tenth more for the prepare, 64 MiB): nothing was sent, its data is untouched";
    }

    private async Task<string?> StreamRefusalAsync(ReseedTransfer transfer, Task sending, string? result, CancellationToken cancellationToken)
    {
        // The joiner sees the end of the stream only once repman closed it: the send is over, or about to be.
        await sending.WaitAsync(SendSettleWithin, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var size = transfer.DonorJobId is null ? transfer.Plan.Source.Bytes.ToString(CultureInfo.InvariantCulture) : "the donor's";
        if (!transfer.IsWhole)
            return $"the stream to {transfer.Plan.Joiner} was cut: repman sent {transfer.Sent} of {size} bytes ({transfer.Failure ?? "still sending"}); nothing was swapped in";
        if (result is null || ReceivedBytes().Match(result) is not { Success: true } match
            || !long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var received))
            return null;
        return received == transfer.Sent
            ? null
            : $"{transfer.Plan.Joiner} received {received} bytes but repman sent {transfer.Sent}: the stream was damaged on the way; nothing was swapped in";
    }

    private async Task SendAsync(Job job, ReseedTransfer transfer)
    {
        var plan = transfer.Plan;
        var target = new ServerAddress(plan.Joiner.Host, SstPort.Of(_cluster, plan.Joiner));
        ReseedLog.Sending(_logger, plan.Source.Id, target.ToString(), _cluster.Name, job.Id);
        try
        {
            await using var source = transfer.DonorJobId is { } donorJob
                ? new RelayStream(() => _engine.StreamOf(plan.Source.Server, donorJob), _cluster.Scheduler.Timeouts.StreamAccept + _cluster.Scheduler.Timeouts.StreamIdle, _time)
                : (Stream)new FileStream(plan.Source.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await SstSender.SendAsync(source, target, _cluster.Scheduler.SstSendBuffer, _cluster.Scheduler.SstSendMaxRate * (1L << 20), ConnectWithin,
                transfer.Progress, _time, transfer.Cancellation.Token);
            ReseedLog.Sent(_logger, transfer.Sent, target.ToString(), _cluster.Name, job.Id);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException or UnauthorizedAccessException)
        {
            transfer.Failure = ex is OperationCanceledException ? "the reseed was cancelled" : ex.Message;
            ReseedLog.SendFailed(_logger, target.ToString(), _cluster.Name, job.Id, transfer.Sent, transfer.Failure);
        }
    }

    private static async Task StopAsync(ReseedTransfer transfer)
    {
        await transfer.Cancellation.CancelAsync();
        if (transfer.Sending is { } sending)
            await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        transfer.Dispose();
    }

    [GeneratedRegex(@"\bfree=(\d{1,19})\b")]
    private static partial Regex FreeBytes();

    [GeneratedRegex(@"\breceived=(\d{1,19})\b")]
    private static partial Regex ReceivedBytes();
}
