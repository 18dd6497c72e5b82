using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Api.Contracts;
using ReplicationManager.Server.Api.Mapping;

namespace ReplicationManager.Server.Api.Live;

/// <summary>
/// What one reader of <c>/api/events</c> receives: the clusters overview, each cluster's servers, jobs and alerts as
/// the REST routes show them, each sent again only when it changed, and every server state change as it happens.
/// It wakes on the registry's and the job histories' pulses, never on a poll of the routes; while a job is in flight
/// it also looks once a second, so that the bytes a stream has received move on the page.
/// </summary>
internal sealed class LiveFeed(IClusterRegistry registry, JobsRegistry jobs, RepmanOptions options, RepmanInstance instance, IOptions<JsonOptions> json)
{
    // The REST routes' own JSON settings: an event carries exactly what the route would answer.
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan WhileJobsRun = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public async IAsyncEnumerable<SseItem<string>> StreamAsync(ApiUser user, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var changes = registry.WatchStateChangesAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        var nextChange = changes.MoveNextAsync().AsTask();
        var sent = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            yield return new SseItem<string>(JsonSerializer.Serialize(new LiveHello(user.Name, user.Grants.Order(StringComparer.Ordinal).ToList()), _json), "hello");
            while (!cancellationToken.IsCancellationRequested)
            {
                var pulses = new List<Task> { registry.Changes.Next, nextChange };
                pulses.AddRange(jobs.All.Select(cluster => cluster.Engine.History.Changes.Next));
                foreach (var item in Changed(user, sent))
                    yield return item;
                var anyRunning = jobs.All.Any(cluster => cluster.Engine.Active.Count > 0);
                var idle = Task.Delay(anyRunning ? WhileJobsRun : KeepAlive, cancellationToken);
                var woken = await Task.WhenAny(pulses.Append(idle));
                if (cancellationToken.IsCancellationRequested)
                    yield break;
                while (nextChange.IsCompleted)
                {
                    if (!await nextChange)
                        yield break;
                    yield return new SseItem<string>(JsonSerializer.Serialize(LiveStateChange.Of(changes.Current), _json), "state");
                    nextChange = changes.MoveNextAsync().AsTask();
                }
                if (woken == idle && !anyRunning)
                    yield return new SseItem<string>("{}", "ping");
                else
                    // Ticks of several clusters and job moves come in bursts: one look after them, not one per pulse.
                    await Task.WhenAny(Task.Delay(Coalesce, cancellationToken));
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await nextChange;
            }
            catch (OperationCanceledException)
            {
            }
            await changes.DisposeAsync();
        }
    }

    private IEnumerable<SseItem<string>> Changed(ApiUser user, Dictionary<string, string> sent)
    {
        var snapshots = registry.ClusterNames.Select(registry.GetSnapshot).OfType<ClusterSnapshot>().OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var overview = snapshots.Select(snapshot => ClusterMapper.ToJson(snapshot, ClustersEndpoints.OptionsOf(options, snapshot.Name), instance)).ToList();
        if (IfChanged(sent, "clusters", "clusters", overview) is { } clusters)
            yield return clusters;
        foreach (var snapshot in snapshots)
        {
            var clusterOptions = ClustersEndpoints.OptionsOf(options, snapshot.Name);
            var servers = snapshot.Servers.Select(server => ServerMonitorMapper.ToJson(server, snapshot, clusterOptions)).ToList();
            if (IfChanged(sent, "servers:" + snapshot.Name, "servers", new LiveServers(snapshot.Name, servers, snapshot.Problems.Select(LiveProblem.Of).ToList())) is { } serversItem)
                yield return serversItem;
            if (jobs.Get(snapshot.Name) is not { } clusterJobs)
                continue;
            var warnings = clusterJobs.Warnings.OrderBy(w => w.Code, StringComparer.Ordinal).ThenBy(w => w.Server, StringComparer.Ordinal).ToList();
            if (IfChanged(sent, "alerts:" + snapshot.Name, "alerts", new LiveAlerts(snapshot.Name, new AlertsJson([], warnings))) is { } alerts)
                yield return alerts;
            if (user.Holds(ApiGrants.ClusterProcess) &&
                IfChanged(sent, "jobs:" + snapshot.Name, "jobs", new LiveJobs(snapshot.Name, LiveJob.Recent(clusterJobs.Engine.History, snapshot))) is { } jobsItem)
                yield return jobsItem;
        }
    }

    private SseItem<string>? IfChanged<T>(Dictionary<string, string> sent, string key, string eventType, T payload)
    {
        var json = JsonSerializer.Serialize(payload, _json);
        if (sent.TryGetValue(key, out var previous) && previous == json)
            return null;
        sent[key] = json;
        return new SseItem<string>(json, eventType);
    }
}
