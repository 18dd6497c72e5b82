using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>The job history of the job engines, in the API's shape: each server's jobs, newest first.</summary>
public sealed class EngineJobHistory(JobsRegistry registry) : IJobHistory
{
    public IReadOnlyList<JobTask> GetTasks(string cluster, ServerAddress server) =>
        registry.Get(cluster)?.Engine.History.Of(server).Select(ToTask).ToList() ?? [];

    public static JobTask ToTask(JobRecord job) => new()
    {
        Id = job.Id,
        Task = job.Task,
        Port = job.Port,
        Server = job.ReceiverHost,
        Done = job.Done,
        State = (int)job.State,
        Result = string.IsNullOrEmpty(job.Result) ? null : job.Result,
        Start = job.Start,
        End = job.End,
    };
}
