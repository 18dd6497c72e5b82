namespace ReplicationManager.Core.Options;

/// <summary>How jobs reach the job script on the database hosts (scheduler-jobs-mode).</summary>
public enum JobsMode
{
    /// <summary>Rows in replication_manager_schema.jobs on each server; the script polls the table.</summary>
    Sql,

    /// <summary>Cookie files on the repman host; the script discovers tasks through the REST API.</summary>
    Api,
}
