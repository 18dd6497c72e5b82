namespace ReplicationManager.Core.Jobs;

/// <summary>Who does a job's work.</summary>
public enum JobMode
{
    /// <summary>repman itself, over SQL or with local binaries (spec 6.1.3.1 "logical").</summary>
    Local,

    /// <summary>The job script on the database host, dispatched through the jobs table.</summary>
    Sql,

    /// <summary>The job script on the database host, dispatched through the REST API.</summary>
    Api,
}
