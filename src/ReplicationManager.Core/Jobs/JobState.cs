namespace ReplicationManager.Core.Jobs;

/// <summary>
/// The <c>state</c> column of <c>replication_manager_schema.jobs</c>; the numbers are the protocol shared with the job script.
/// </summary>
public enum JobState
{
    /// <summary>Inserted by repman; no script has picked it up yet.</summary>
    Pending = 0,

    /// <summary>The script (or repman, for a local task) is running it.</summary>
    Processing = 1,

    /// <summary>Waiting on something outside the script, such as a joiner listening for its stream.</summary>
    Halted = 2,

    /// <summary>The work is done; repman's post-job step (recording a backup) has not run yet.</summary>
    Finished = 3,

    /// <summary>Done, and the post-job step succeeded.</summary>
    Success = 4,

    /// <summary>Failed, cancelled, timed out, or aborted because repman restarted mid-task.</summary>
    Error = 5,

    /// <summary>The work was done but the post-job step failed.</summary>
    ErrorAfter = 6,
}
