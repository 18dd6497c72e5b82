using System.Globalization;

namespace ReplicationManager.Core.Metrics;

/// <summary>Carbon's plaintext protocol: one <c>name value timestamp</c> per line.</summary>
public static class CarbonLine
{
    public static string Format(MetricPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return string.Create(CultureInfo.InvariantCulture, $"{point.Name} {point.Value:R} {point.Timestamp}\n");
    }

    /// <summary>The point of a line, or null with the reason when it is not one.</summary>
    public static MetricPoint? Parse(string line, long now, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(' ', '\t').Where(part => part.Length > 0).ToArray();
        error = parts.Length != 3 ? "expected 'name value timestamp'"
            : !MetricName.IsValid(parts[0]) ? $"'{Shorten(parts[0])}' is not a metric name (dot-separated letters, digits, _ and -)"
            : !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) ? $"'{Shorten(parts[1])}' is not a number"
            : !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var time) ? $"'{Shorten(parts[2])}' is not a Unix timestamp"
            : null;
        if (error is not null)
            return null;
        var timestamp = (long)double.Parse(parts[2], CultureInfo.InvariantCulture);
        // carbon reads -1 as "now".
        return new MetricPoint(parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture), timestamp < 0 ? now : timestamp);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
