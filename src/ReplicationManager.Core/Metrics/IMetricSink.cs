namespace ReplicationManager.Core.Metrics;

/// <summary>Where the monitoring loop's metrics go: the embedded store, or a Carbon elsewhere.</summary>
public interface IMetricSink
{
    Task WriteAsync(IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken);
}

/// <summary>One point: a metric name, its value, when (Unix seconds).</summary>
public sealed record MetricPoint(string Name, double Value, long Timestamp);
