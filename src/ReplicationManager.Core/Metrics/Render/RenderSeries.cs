namespace ReplicationManager.Core.Metrics.Render;

/// <summary>A series as the render API returns it: its name, first timestamp, step and values (null where unknown).</summary>
public sealed record RenderSeries(string Name, long From, long Step, IReadOnlyList<double?> Values)
{
    /// <summary>The metric the series came from (what aliasByNode reads), kept through functions that keep one series.</summary>
    public string Path { get; init; } = Name;

    public IEnumerable<(double? Value, long Timestamp)> Points => Values.Select((value, i) => (value, From + (i * Step)));

    /// <summary>
    /// Fewer points for a graph narrower than the range, exactly as graphite-web's JSON does: groups of
    /// ceil(range/step/maxDataPoints) points averaged (their known values), the start nudged so that the groups keep
    /// their place from one refresh to the next.
    /// </summary>
    public RenderSeries Consolidate(int maxDataPoints, long timeRange)
    {
        if (maxDataPoints <= 0 || Values.Count == 0)
            return this;
        var end = From + (Values.Count * Step);
        var start = From;
        IEnumerable<double?> values = Values;
        int perPoint;
        if (maxDataPoints == 1)
            perPoint = Values.Count;
        else
        {
            var points = (double)timeRange / Step;
            if (maxDataPoints >= points)
                return this;
            perPoint = (int)Math.Ceiling(points / maxDataPoints);
            var nudge = (perPoint * Step) + Mod(From, Step) - Mod(From, perPoint * Step);
            start = From + nudge;
            values = Values.Skip(Math.Max(0, (int)(nudge / Step) - 1));
        }
        var step = Step * perPoint;
        var slots = Math.Max(0, ((end - start) / step) + 1);
        var consolidated = values.Chunk(perPoint)
            .Select(chunk => chunk.Where(v => v.HasValue).Select(v => v!.Value).ToList() is { Count: > 0 } known ? known.Average() : (double?)null)
            .Take((int)slots)
            .ToList();
        return this with { From = start, Step = step, Values = consolidated };
    }

    private static long Mod(long value, long divisor) => ((value % divisor) + divisor) % divisor;
}
