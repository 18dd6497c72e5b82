namespace ReplicationManager.Core.Metrics.Render;

/// <summary>A series as the render API returns it: its name, first timestamp, step and values (null where unknown).</summary>
public sealed record RenderSeries(string Name, long From, long Step, IReadOnlyList<double?> Values)
{
    /// <summary>The metric the series came from (what aliasByNode reads), kept through functions that keep one series.</summary>
    public string Path { get; init; } = Name;

    public IEnumerable<(double? Value, long Timestamp)> Points => Values.Select((value, i) => (value, From + (i * Step)));

    /// <summary>
    /// At most <paramref name="maxDataPoints"/> points: neighbours averaged together, as graphite-web does for a
    /// graph narrower than the series.
    /// </summary>
    public RenderSeries Consolidate(int maxDataPoints)
    {
        if (maxDataPoints <= 0 || Values.Count <= maxDataPoints)
            return this;
        var size = (int)Math.Ceiling((double)Values.Count / maxDataPoints);
        var values = Values.Chunk(size).Select(chunk => chunk.Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Average() is var average && double.IsNaN(average) ? (double?)null : average).ToList();
        return this with { Step = Step * size, Values = values };
    }
}
