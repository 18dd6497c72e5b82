using System.Diagnostics.Metrics;
using Prometheus;

namespace ReplicationManager.Server.Hosting;

/// <summary>
/// What /metrics serves: this host's meters (repman's, ASP.NET Core's requests, Kestrel's) and the runtime's, through
/// a registry of its own, so that two hosts in one process (tests) never mix their series.
/// </summary>
internal sealed class PrometheusExport : IDisposable
{
    private readonly IDisposable _adapter;

    public PrometheusExport(IMeterFactory meters, RepmanMeter repman)
    {
        ArgumentNullException.ThrowIfNull(repman);
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            // Without a factory of the same registry, prometheus-net 8.2.1 records nothing into a custom one.
            MetricFactory = Metrics.WithCustomRegistry(Registry),
            InstrumentFilterPredicate = instrument => ReferenceEquals(instrument.Meter.Scope, meters) || instrument.Meter.Name == "System.Runtime",
        });
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public void Dispose() => _adapter.Dispose();
}
