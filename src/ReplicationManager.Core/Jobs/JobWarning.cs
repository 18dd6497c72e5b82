using System.Text.Json.Serialization;

namespace ReplicationManager.Core.Jobs;

/// <summary>
/// A warning a job in flight raises on its server, with replication-manager's code where it has one (WARN0073 a
/// physical backup, WARN0072 optimize, WARN0074-0077 reseed and flashback, WARN0096 restart, WARN0097 stop) and
/// repman's own codes from WARN0200 for the tasks it has none for. It is raised from the moment the job is queued
/// (the cookie set, in API mode) until the job ends, so the tick after <c>job-state done</c> no longer shows it.
/// </summary>
/// <param name="From">replication-manager's origin of the state: JOB for the job system.</param>
public sealed record JobWarning(
    [property: JsonPropertyName("number")] string Code,
    [property: JsonPropertyName("desc")] string Description,
    [property: JsonPropertyName("serverUrl")] string Server,
    [property: JsonPropertyName("from")] string From = "JOB")
{
    /// <summary>The warning of a job in flight, or null for a job repman runs itself.</summary>
    public static JobWarning? For(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Mode == JobMode.Local)
            return null;
        var server = job.Target.ToString();
        var (code, text) = job.Task switch
        {
            JobTasks.Mariabackup or JobTasks.Xtrabackup => ("WARN0073", $"Running physical backup {job.Task} on server {server}"),
            JobTasks.Optimize => ("WARN0072", $"Running optimize table on server {server}"),
            JobTasks.ReseedMariabackup or JobTasks.ReseedXtrabackup => ("WARN0074", $"Reseeding physical backup {job.Task} on server {server}"),
            JobTasks.FlashbackMariabackup or JobTasks.FlashbackXtrabackup => ("WARN0076", $"Flashback physical backup {job.Task} on server {server}"),
            JobTasks.Restart => ("WARN0096", $"Restart database server via job request {server}"),
            JobTasks.Stop => ("WARN0097", $"Stop database server via job request {server}"),
            JobTasks.ErrorLog => ("WARN0200", $"Collecting the error log of server {server}"),
            JobTasks.SlowQuery => ("WARN0201", $"Collecting the slow query log of server {server}"),
            JobTasks.AuditLog => ("WARN0202", $"Collecting the audit log of server {server}"),
            JobTasks.Start => ("WARN0203", $"Start database server via job request {server}"),
            JobTasks.ZfsSnapback => ("WARN0204", $"Rolling back the ZFS snapshot of server {server}"),
            JobTasks.Mysqldump or JobTasks.Mydumper => ("WARN0205", $"Running logical backup {job.Task} on server {server} through the job script"),
            _ => ("WARN0206", $"Running job {job.Task} on server {server}"),
        };
        return new JobWarning(code, text, server);
    }
}
