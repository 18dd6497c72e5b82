namespace ReplicationManager.Core.Jobs.Local;

/// <summary>A task repman runs itself (spec 6.1.3.1 "logical"): over SQL, or with a local binary such as mariadb-dump.</summary>
public interface ILocalTask
{
    /// <summary>The canonical task name (<see cref="JobTasks"/>), as recorded in the jobs table and history.</summary>
    string Task { get; }

    Task<LocalJobOutcome> RunAsync(LocalTaskContext context, CancellationToken cancellationToken);
}
