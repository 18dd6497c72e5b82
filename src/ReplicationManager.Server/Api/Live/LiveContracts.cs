using System.Text.Json.Serialization;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api.Contracts;

namespace ReplicationManager.Server.Api.Live;

/// <summary>The first event of a stream: who is reading, with which grants (the page shows only the actions they allow).</summary>
internal sealed record LiveHello([property: JsonPropertyName("user")] string User, [property: JsonPropertyName("grants")] IReadOnlyList<string> Grants);

/// <summary>A cluster's servers, as <c>topology/servers</c> answers them, and the topology's problems.</summary>
internal sealed record LiveServers(
    [property: JsonPropertyName("cluster")] string Cluster,
    [property: JsonPropertyName("servers")] IReadOnlyList<ServerMonitorJson> Servers,
    [property: JsonPropertyName("problems")] IReadOnlyList<LiveProblem> Problems);

/// <summary>A problem the topology analysis found (no primary, a replica not replicating, ...).</summary>
internal sealed record LiveProblem(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("server")] string? Server,
    [property: JsonPropertyName("message")] string Message)
{
    public static LiveProblem Of(TopologyProblem problem) => new(problem.Code.ToString(), problem.Server?.ToString(), problem.Message);
}

/// <summary>A cluster's alerts, as <c>topology/alerts</c> answers them.</summary>
internal sealed record LiveAlerts([property: JsonPropertyName("cluster")] string Cluster, [property: JsonPropertyName("alerts")] AlertsJson Alerts);

/// <summary>A cluster's recent jobs, newest first.</summary>
internal sealed record LiveJobs([property: JsonPropertyName("cluster")] string Cluster, [property: JsonPropertyName("jobs")] IReadOnlyList<LiveJob> Jobs);

/// <summary>One job with the id of its server and, while its stream arrives, the bytes received so far.</summary>
internal sealed record LiveJob(
    [property: JsonPropertyName("serverId")] string ServerId,
    [property: JsonPropertyName("received")] long? Received,
    [property: JsonPropertyName("job")] Job Job)
{
    public const int Kept = 50;

    public static IReadOnlyList<LiveJob> Recent(JobHistory history, ClusterSnapshot snapshot) => history.All()
        .Take(Kept)
        .Select(job => new LiveJob(ServerIdentity.IdOf(job.Target), ReceivedSoFar(job), job))
        .ToList();

    private static long? ReceivedSoFar(Job job)
    {
        if (job.State.IsOver() || job.PartialPath is not { } partial)
            return null;
        var file = new FileInfo(partial);
        return file.Exists ? file.Length : null;
    }
}

/// <summary>A server's state change, with replication-manager's state names.</summary>
internal sealed record LiveStateChange(
    [property: JsonPropertyName("cluster")] string Cluster,
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("serverId")] string ServerId,
    [property: JsonPropertyName("previous")] string Previous,
    [property: JsonPropertyName("current")] string Current,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("time")] DateTimeOffset Time)
{
    public static LiveStateChange Of(ServerStateChange change) => new(change.Cluster, change.Server.ToString(), change.ServerId,
        change.Previous.ToGoName(), change.Current.ToGoName(), change.Reason, change.Time);
}
