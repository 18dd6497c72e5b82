using Microsoft.AspNetCore.Http.HttpResults;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;

namespace ReplicationManager.Server.Api;

/// <summary>What the job and schedule routes share: the cluster's jobs side, or the problem saying why there is none.</summary>
internal static class ClusterJobsLookup
{
    /// <summary>As in the Go original, where routes take any verb, actions accept GET as well as POST.</summary>
    public static readonly string[] ActionMethods = ["GET", "POST"];

    public static ProblemHttpResult? Resolve(string cluster, IClusterRegistry registry, JobsRegistry jobs, out ClusterJobs? clusterJobs)
    {
        clusterJobs = null;
        if (registry.GetSnapshot(cluster) is null)
            return ApiProblems.ClusterNotFound(cluster);
        clusterJobs = jobs.Get(cluster);
        return clusterJobs is null ? JobProblems.NotReady(cluster) : null;
    }
}
