using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Jobs;

/// <summary>One job a scheduled task asks for: which task, on which server, run by whom (repman, or the job script in the cluster's jobs mode).</summary>
public sealed record JobPlan(ServerAddress Server, string Task, JobMode Mode);

/// <summary>The jobs a scheduled task firing asks for, or why it asks for none.</summary>
public sealed record JobPlans(IReadOnlyList<JobPlan> Jobs, string? NothingBecause)
{
    public static JobPlans Of(IEnumerable<JobPlan> jobs) => new(jobs.ToList(), null);

    public static JobPlans None(string reason) => new([], reason);
}
