namespace ReplicationManager.Core.Jobs;

/// <summary>
/// How a job reaches whoever does its work. A cluster's <c>scheduler-jobs-mode</c> is <see cref="Sql"/> or
/// <see cref="Api"/>; each job of the cluster is one of the three.
/// </summary>
public enum JobMode
{
    /// <summary>repman does the work itself, over SQL or with local binaries (spec 6.1.3.1 "logical").</summary>
    Local,

    /// <summary>The job script on the database host, which finds the job in the server's jobs table.</summary>
    Sql,

    /// <summary>The job script on the database host, which finds the job through the REST API (cookie files).</summary>
    Api,
}
