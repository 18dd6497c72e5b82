using ReplicationManager.Core.Jobs.Streams;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// A job the engine drives right now and what it holds: the latest record, its receiver and transfer, its
/// cancellation (linked to the engine's lifetime), and the task that completes with the final record. Steps of one
/// job (ticks, the script's calls) take <see cref="StepGate"/> so that they never interleave.
/// </summary>
internal sealed class InFlightJob
{
    private readonly TaskCompletionSource<Job> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancellation;
    private Task<StreamReceipt>? _receive;
    private int _preparing;
    private PostJobStatus _postJob = PostJobStatus.None;

    public InFlightJob(Job job, CancellationToken lifetime)
    {
        Job = job;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        Token = _cancellation.Token;
    }

    public Job Job { get; private set; }

    public SemaphoreSlim StepGate { get; } = new(1, 1);

    public StreamReceiver? Receiver { get; private set; }

    /// <summary>Cancelled when the job is cancelled or ends, or when the engine stops.</summary>
    public CancellationToken Token { get; }

    /// <summary>Since when the job waits for the script to take it; the start timeout runs from here.</summary>
    public DateTimeOffset? PendingSince { get; private set; }

    /// <summary>When the script was first seen to have finished; the post-job wait runs from here.</summary>
    public DateTimeOffset? FinishedSince { get; private set; }

    /// <summary>repman holds the job back while it opens the receiver; rows read meanwhile are stale for this job.</summary>
    public bool IsPreparing => Volatile.Read(ref _preparing) != 0;

    public Task<Job> Completion => _completion.Task;

    /// <summary>The post-job step of the kept stream, once started.</summary>
    public PostJobStatus PostJob
    {
        get => Volatile.Read(ref _postJob);
        set => Volatile.Write(ref _postJob, value);
    }

    public StreamStatus Stream => _receive switch
    {
        null => StreamStatus.None,
        { IsCompletedSuccessfully: true } received => StreamStatus.Received(received.Result),
        { IsFaulted: true } failed => StreamStatus.Failed(failed.Exception!.GetBaseException().Message),
        { IsCanceled: true } => StreamStatus.Failed("the transfer was cancelled"),
        _ => StreamStatus.Open,
    };

    /// <summary>Set by <see cref="JobBook"/>, which keeps the history in step.</summary>
    public void Record(Job job) => Job = job;

    public void BeginPreparing() => Volatile.Write(ref _preparing, 1);

    public void EndPreparing() => Volatile.Write(ref _preparing, 0);

    public void WaitsForScriptSince(DateTimeOffset at) => PendingSince = at;

    public void Listen(StreamReceiver receiver, Task<StreamReceipt> receive)
    {
        Receiver = receiver;
        _receive = receive;
    }

    /// <summary>What a tick sees of this job; the first sight of a finished row starts the post-job wait.</summary>
    public JobObservation Observe(JobRow? row, DateTimeOffset now)
    {
        if (row?.State == JobState.Finished)
            FinishedSince ??= now;
        return new JobObservation(row, Stream, PendingSince, FinishedSince) { PostJob = PostJob };
    }

    public async Task CancelAsync()
    {
        try
        {
            await _cancellation.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The job has ended: its work was cancelled then.
        }
    }

    /// <summary>Closes the receiver; a stream not kept is deleted with it.</summary>
    public async ValueTask CloseReceiverAsync()
    {
        if (Receiver is { } receiver)
            await receiver.DisposeAsync();
    }

    /// <summary>
    /// The job is over: its remaining work is cancelled, its link to the engine's lifetime released, and
    /// <see cref="Completion"/> completes with the final record.
    /// </summary>
    public void Complete(Job final)
    {
        try
        {
            _cancellation.Cancel();
            _cancellation.Dispose();
        }
        catch (ObjectDisposedException)
        {
            // Completed twice: the first completion stands.
        }
        _completion.TrySetResult(final);
    }
}
