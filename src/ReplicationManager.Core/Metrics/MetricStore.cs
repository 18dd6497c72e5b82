using System.Collections.Concurrent;
using ReplicationManager.Core.Metrics.Whisper;

namespace ReplicationManager.Core.Metrics;

/// <summary>
/// The embedded Graphite store: one whisper file per metric under <c>{datadir}/graphite</c>, a folder per node
/// (<c>mysql.db1.x</c> is <c>mysql/db1/x.wsp</c>), made on the first point with the configured retention. Writes to one
/// file are serialized; reads share the file.
/// </summary>
public sealed class MetricStore(string root, IReadOnlyList<Retention> retentions, TimeProvider time) : IMetricSink
{
    private const string Extension = ".wsp";
    private readonly ConcurrentDictionary<string, object> _locks = new(StringComparer.Ordinal);

    public string Root { get; } = Path.GetFullPath(root);

    public Task WriteAsync(IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken)
    {
        WriteMany(points);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stores a batch, each metric's points with one open of its file; the points refused (bad names, values or
    /// times), so that the caller can say which.
    /// </summary>
    public IReadOnlyList<MetricPoint> WriteMany(IReadOnlyList<MetricPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var refused = new List<MetricPoint>();
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var metric in points.GroupBy(point => point.Name, StringComparer.Ordinal))
        {
            var valid = metric.Where(point => double.IsFinite(point.Value)).ToList();
            refused.AddRange(metric.Where(point => !double.IsFinite(point.Value)));
            if (!MetricName.IsValid(metric.Key))
            {
                refused.AddRange(valid);
                continue;
            }
            var path = PathOf(metric.Key);
            lock (_locks.GetOrAdd(path, _ => new object()))
            {
                if (!File.Exists(path))
                    WhisperFile.Create(path, retentions);
                var dropped = WhisperFile.UpdateMany(path, valid.Select(point => (point.Value, point.Timestamp)).ToList(), now);
                refused.AddRange(dropped.Select(index => valid[index]));
            }
        }
        return refused;
    }

    public WhisperSeries? Fetch(string name, long from, long until)
    {
        var path = PathOf(name);
        return File.Exists(path) ? WhisperFile.Fetch(path, from, until, time.GetUtcNow().ToUnixTimeSeconds()) : null;
    }

    /// <summary>The metrics (leaves) a pattern matches, sorted.</summary>
    public IReadOnlyList<string> Expand(string pattern) => Nodes(pattern).Where(node => node.IsLeaf).Select(node => node.Name).ToList();

    /// <summary>The nodes a pattern matches at its depth: leaves (metrics) and branches (folders), as /metrics/find lists them.</summary>
    public IReadOnlyList<MetricNode> Nodes(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var parts = pattern.Split('.');
        if (parts.Any(part => part.Length == 0))
            return [];
        var matchers = parts.Select(MetricName.NodePattern).ToList();
        var found = new List<MetricNode>();
        Walk(Root, "", 0);
        return found.OrderBy(node => node.Name, StringComparer.Ordinal).ToList();

        void Walk(string folder, string prefix, int depth)
        {
            if (!Directory.Exists(folder))
                return;
            var last = depth == matchers.Count - 1;
            foreach (var directory in Directory.EnumerateDirectories(folder))
            {
                var name = Path.GetFileName(directory);
                if (!matchers[depth].IsMatch(name))
                    continue;
                if (last)
                    found.Add(new MetricNode(prefix + name, IsLeaf: false));
                else
                    Walk(directory, prefix + name + ".", depth + 1);
            }
            if (!last)
                return;
            foreach (var file in Directory.EnumerateFiles(folder, "*" + Extension))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (matchers[depth].IsMatch(name))
                    found.Add(new MetricNode(prefix + name, IsLeaf: true));
            }
        }
    }

    private string PathOf(string name) => Path.Combine(Root, Path.Combine(name.Split('.'))) + Extension;
}

/// <summary>A node of the metric tree: a metric (leaf) or a folder of them.</summary>
public sealed record MetricNode(string Name, bool IsLeaf);
