using System.Diagnostics.Metrics;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Monitoring;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Server.Hosting;

/// <summary>
/// repman's metrics (System.Diagnostics.Metrics, exported on /metrics by prometheus-net): every value is read from
/// the registry's latest snapshots and the job histories' totals when a scraper asks, so monitoring pays nothing for
/// them. prometheus-net prefixes each name with the meter's (<c>server_up</c> is <c>repman_server_up</c>);
/// docs/operations.md lists each name.
/// </summary>
internal sealed class RepmanMeter : IDisposable
{
    public const string Name = "repman";

    private readonly Meter _meter;

    public RepmanMeter(IMeterFactory meters, IClusterRegistry registry, JobsRegistry jobs)
    {
        _meter = meters.Create(Name);
        _meter.CreateObservableGauge("server_up", () => PerServer(registry, (_, server) => server.IsReachable ? 1 : 0),
            description: "1 when the server answered repman's last probe, else 0");
        _meter.CreateObservableGauge("server_primary", () => PerServer(registry, (cluster, server) => cluster.PrimaryAddress == server.Address ? 1 : 0),
            description: "1 for the cluster's primary, else 0");
        _meter.CreateObservableGauge("server_state", () => States(registry),
            description: "1 for the server's state (replication-manager's names: Master, Slave, SlaveLate, Suspect, Failed...)");
        _meter.CreateObservableGauge("server_read_only", () => PerServer(registry, (_, server) => server.ReadOnly ? 1 : 0),
            description: "1 when read_only is ON");
        _meter.CreateObservableGauge("server_replication_lag_seconds", () => Lags(registry),
            description: "Seconds_Behind_Master of a replicating server (absent when NULL)");
        _meter.CreateObservableGauge("server_gtid_sequence", () => Gtids(registry),
            description: "Sequence number of gtid_current_pos per replication domain");
        _meter.CreateObservableGauge("monitoring_tick_seconds", () => registry.ClusterNames.Select(registry.GetSnapshot).OfType<ClusterSnapshot>()
                .Select(cluster => new Measurement<double>(cluster.TickDuration.TotalSeconds, new KeyValuePair<string, object?>("cluster", cluster.Name))),
            description: "How long the cluster's last monitoring tick took to probe and analyse every server");
        _meter.CreateObservableCounter("jobs_ended_total", () => Totals(jobs, total => total.Count),
            description: "Jobs that ended since repman started, per task and end state");
        _meter.CreateObservableCounter("jobs_seconds_total", () => Totals(jobs, total => total.Seconds),
            description: "Seconds run by the jobs that ended, per task and end state");
        _meter.CreateObservableCounter("jobs_received_bytes_total", () => Totals(jobs, total => total.Bytes),
            description: "Bytes the stream receivers took for the jobs that ended, per task and end state");
    }

    private static IEnumerable<Measurement<double>> PerServer(IClusterRegistry registry, Func<ClusterSnapshot, ServerSnapshot, double> value) =>
        Servers(registry).Select(pair => new Measurement<double>(value(pair.Cluster, pair.Server), Tags(pair.Cluster, pair.Server)));

    private static IEnumerable<Measurement<double>> States(IClusterRegistry registry) =>
        Servers(registry).Select(pair => new Measurement<double>(1, [.. Tags(pair.Cluster, pair.Server), new("state", pair.Server.State.ToGoName())]));

    private static IEnumerable<Measurement<double>> Lags(IClusterRegistry registry) =>
        Servers(registry)
            .Where(pair => pair.Server.IsReachable && pair.Server.ReplicationChannels.Count > 0 && pair.Server.ReplicationChannels[0].SecondsBehindMaster is not null)
            .Select(pair => new Measurement<double>(pair.Server.ReplicationChannels[0].SecondsBehindMaster!.Value, Tags(pair.Cluster, pair.Server)));

    private static IEnumerable<Measurement<double>> Gtids(IClusterRegistry registry) =>
        Servers(registry)
            .Where(pair => pair.Server.IsReachable)
            .SelectMany(pair => pair.Server.GtidCurrentPos.Positions.Select(position =>
                new Measurement<double>(position.Sequence, [.. Tags(pair.Cluster, pair.Server), new("domain", position.Domain)])));

    private static IEnumerable<Measurement<double>> Totals(JobsRegistry jobs, Func<(long Count, double Seconds, long Bytes), double> value) =>
        jobs.All.SelectMany(cluster => cluster.Engine.History.Totals.Snapshot().Select(total => new Measurement<double>(
            value((total.Count, total.Seconds, total.Bytes)),
            new KeyValuePair<string, object?>("cluster", cluster.Name),
            new KeyValuePair<string, object?>("task", total.Task),
            new KeyValuePair<string, object?>("state", total.State.ToString().ToLowerInvariant()))));

    private static IEnumerable<(ClusterSnapshot Cluster, ServerSnapshot Server)> Servers(IClusterRegistry registry) =>
        registry.ClusterNames.Select(registry.GetSnapshot).OfType<ClusterSnapshot>().SelectMany(cluster => cluster.Servers.Select(server => (cluster, server)));

    private static KeyValuePair<string, object?>[] Tags(ClusterSnapshot cluster, ServerSnapshot server) =>
        [new("cluster", cluster.Name), new("server", server.Address.ToString())];

    public void Dispose() => _meter.Dispose();
}
