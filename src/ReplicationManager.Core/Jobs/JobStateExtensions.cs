namespace ReplicationManager.Core.Jobs;

/// <summary>Questions asked of a <see cref="JobState"/>.</summary>
public static class JobStateExtensions
{
    /// <summary>The job is over: nothing will change it any more.</summary>
    public static bool IsOver(this JobState state) => state is JobState.Success or JobState.Error or JobState.ErrorAfter;

    /// <summary>The job holds its task on that server: another of the same task is refused.</summary>
    public static bool IsActive(this JobState state) => state is JobState.Pending or JobState.Processing or JobState.Halted or JobState.Finished;
}
