using ReplicationManager.Core.Jobs.Streams;

namespace ReplicationManager.Core.Jobs;

/// <summary>A job the engine is driving right now, with what it holds: a receiver, a running local task.</summary>
internal sealed class ActiveJob(JobRecord record)
{
    private readonly TaskCompletionSource<JobRecord> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _isPreparing;

    public JobRecord Record { get; set; } = record;

    public StreamReceiver? Receiver { get; set; }

    /// <summary>The receiver's transfer: it completes when the sender closed the stream, or fails.</summary>
    public Task<StreamReceipt>? Receive { get; set; }

    /// <summary>
    /// repman holds the row back (state 2) while it opens the receiver; rows read meanwhile are stale for this job.
    /// </summary>
    public bool IsPreparing
    {
        get => Volatile.Read(ref _isPreparing);
        set => Volatile.Write(ref _isPreparing, value);
    }

    /// <summary>Since when the row waits for the script to pick it up; the start timeout runs from here.</summary>
    public DateTimeOffset? PendingSince { get; set; }

    /// <summary>When the row was first seen finished; the post-job wait runs from here.</summary>
    public DateTimeOffset? FinishedSeenAt { get; set; }

    /// <summary>Stops a local task or a receiver when the job is cancelled.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    public Task<JobRecord> Completion => _completion.Task;

    public void Complete(JobRecord final) => _completion.TrySetResult(final);
}
