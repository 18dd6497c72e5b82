using System.Globalization;
using System.Text;

namespace ReplicationManager.Core.Metrics.Render;

/// <summary>
/// A render <c>target</c>: a metric path with globs, or one of the functions Grafana's Graphite dashboards use most
/// (sumSeries, averageSeries, perSecond, nonNegativeDerivative, scale, alias, aliasByNode, movingAverage, summarize),
/// nested as graphite-web reads them, with its values (checked against Debian's graphite-web). Pure: the caller
/// gives the fetch, which takes a pattern and how many seconds before the range to start (a moving window's preview).
/// </summary>
public sealed class TargetEvaluator(Func<string, long, IReadOnlyList<RenderSeries>> fetch)
{
    public TargetEvaluator(Func<string, IReadOnlyList<RenderSeries>> fetch)
        : this((pattern, _) => fetch(pattern))
    {
    }

    public IReadOnlyList<RenderSeries> Evaluate(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var parser = new Parser(target);
        var expression = parser.Expression();
        parser.End();
        return Series(expression, 0);
    }

    /// <param name="preview">Seconds before the range to read from (the moving windows of the functions around).</param>
    private IReadOnlyList<RenderSeries> Series(Node node, long preview) => node switch
    {
        PathNode path => fetch(path.Path, preview),
        CallNode call => Call(call, preview),
        _ => throw new FormatException($"{node.Text} is not a series"),
    };

    private List<RenderSeries> Call(CallNode call, long preview)
    {
        switch (call.Name)
        {
            case "sumSeries" or "averageSeries":
                var all = call.Arguments.SelectMany(argument => Series(argument, preview)).ToList();
                return all.Count == 0 ? [] : [Combine(all, call.Name == "sumSeries", $"{call.Name}({string.Join(",", call.Arguments.Select(a => a.Text))})")];
            case "scale":
                var factor = Number(call, 1);
                return Map(call, preview, series => series.Values.Select(v => v * factor).ToList(), $",{Format(factor)}");
            case "perSecond" or "nonNegativeDerivative":
                return Map(call, preview, series => Derivative(series, call.Name == "perSecond"), "");
            case "movingAverage":
                return MovingAverage(call, preview);
            case "alias":
                var alias = Text(call, 1);
                return Series(Argument(call, 0), preview).Select(series => series with { Name = alias }).ToList();
            case "aliasByNode":
                var nodes = call.Arguments.Skip(1).Select((_, i) => (int)Number(call, i + 1)).ToList();
                return Series(Argument(call, 0), preview).Select(series => series with { Name = ByNode(series.Path, nodes) }).ToList();
            case "summarize":
                return Summarize(call, preview);
            default:
                throw new FormatException($"unknown function {call.Name}: this render API knows sumSeries, averageSeries, perSecond, nonNegativeDerivative, scale, alias, aliasByNode, movingAverage, summarize");
        }
    }

    private List<RenderSeries> Map(CallNode call, long preview, Func<RenderSeries, IReadOnlyList<double?>> transform, string suffix) =>
        Series(Argument(call, 0), preview).Select(series => series with { Name = $"{call.Name}({series.Name}{suffix})", Values = transform(series) }).ToList();

    private static RenderSeries Combine(List<RenderSeries> all, bool sum, string name)
    {
        var first = all[0];
        var length = all.Min(series => series.Values.Count);
        var values = new double?[length];
        for (var i = 0; i < length; i++)
        {
            var known = all.Select(series => series.Values[i]).Where(v => v.HasValue).Select(v => v!.Value).ToList();
            values[i] = known.Count == 0 ? null : sum ? known.Sum() : known.Average();
        }
        return new RenderSeries(name, first.From, first.Step, values);
    }

    private static List<double?> Derivative(RenderSeries series, bool perSecond)
    {
        var values = new List<double?>(series.Values.Count);
        double? previous = null;
        foreach (var value in series.Values)
        {
            // No rate across a gap, nor for a counter that went down (a restart).
            values.Add(value is { } current && previous is { } before && current >= before ? (current - before) / (perSecond ? series.Step : 1) : null);
            previous = value;
        }
        return values;
    }

    /// <summary>
    /// Each point is the average of the known points of the window before it (not itself), read from before the range
    /// so the first points have their window too (graphite-web's default x-files factor, 0: one known point is enough).
    /// </summary>
    private List<RenderSeries> MovingAverage(CallNode call, long preview)
    {
        var argument = Argument(call, 1);
        var source = Argument(call, 0);
        var steps = Series(source, preview).Select(series => series.Step).DefaultIfEmpty(1).Max();
        var previewSeconds = argument is StringNode text ? Seconds(text.Value) : steps * (long)Number(call, 1);
        return Series(source, preview + previewSeconds).Select(series =>
        {
            var window = argument is StringNode ? (int)(previewSeconds / series.Step) : (int)Number(call, 1);
            var values = new List<double?>();
            for (var i = window; i < series.Values.Count; i++)
            {
                var known = series.Values.Skip(i - window).Take(window).Where(v => v.HasValue).Select(v => v!.Value).ToList();
                values.Add(known.Count > 0 ? known.Average() : null);
            }
            return series with { Name = $"movingAverage({series.Name},{argument.Text})", From = series.From + previewSeconds, Values = values };
        }).ToList();
    }

    private List<RenderSeries> Summarize(CallNode call, long preview)
    {
        var interval = Seconds(Text(call, 1));
        var function = call.Arguments.Count > 2 ? Text(call, 2) : "sum";
        return Series(Argument(call, 0), preview).Select(series =>
        {
            var from = series.From - (series.From % interval);
            var buckets = series.Points.GroupBy(point => (point.Timestamp - from) / interval).OrderBy(g => g.Key).ToList();
            var values = buckets.Select(bucket =>
            {
                var known = bucket.Where(p => p.Value.HasValue).Select(p => p.Value!.Value).ToList();
                return known.Count == 0 ? (double?)null : function switch
                {
                    "sum" => known.Sum(),
                    "avg" or "average" => known.Average(),
                    "max" => known.Max(),
                    "min" => known.Min(),
                    "last" => known[^1],
                    _ => throw new FormatException($"summarize: '{function}' is not sum, avg, max, min or last"),
                };
            }).ToList();
            return series with { Name = $"summarize({series.Name}, \"{Text(call, 1)}\", \"{function}\")", From = from + (buckets.Count > 0 ? buckets[0].Key * interval : 0), Step = interval, Values = values };
        }).ToList();
    }

    private static long Seconds(string interval) => -GraphiteTime.Parse("-" + interval.TrimStart('-'), 0, 0) is var seconds && seconds > 0
        ? seconds
        : throw new FormatException($"'{interval}' is not an interval such as 5min or 1h");

    private static string ByNode(string path, List<int> nodes)
    {
        var parts = path.Split('.');
        return string.Join('.', nodes.Select(n => n < 0 ? n + parts.Length : n).Where(n => n >= 0 && n < parts.Length).Select(n => parts[n]));
    }

    private static Node Argument(CallNode call, int index) =>
        index < call.Arguments.Count ? call.Arguments[index] : throw new FormatException($"{call.Name} needs at least {index + 1} arguments");

    private static double Number(CallNode call, int index) =>
        Argument(call, index) is NumberNode number ? number.Value : throw new FormatException($"{call.Name}: argument {index + 1} must be a number");

    private static string Text(CallNode call, int index) =>
        Argument(call, index) is StringNode text ? text.Value : throw new FormatException($"{call.Name}: argument {index + 1} must be a quoted string");

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private abstract record Node(string Text);

    private sealed record PathNode(string Path) : Node(Path);

    private sealed record NumberNode(double Value, string Raw) : Node(Raw);

    private sealed record StringNode(string Value) : Node($"\"{Value}\"");

    private sealed record CallNode(string Name, IReadOnlyList<Node> Arguments, string Raw) : Node(Raw);

    private sealed class Parser(string text)
    {
        private int _at;

        public Node Expression()
        {
            Skip();
            if (_at >= text.Length)
                throw Error("a series or function");
            var c = text[_at];
            if (c is '"' or '\'')
                return QuotedString(c);
            if (char.IsAsciiDigit(c) || (c == '-' && _at + 1 < text.Length && char.IsAsciiDigit(text[_at + 1])))
                return Number();
            var start = _at;
            var name = new StringBuilder();
            while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_'))
                name.Append(text[_at++]);
            if (_at < text.Length && text[_at] == '(' && name.Length > 0)
            {
                _at++;
                var arguments = new List<Node>();
                Skip();
                if (_at < text.Length && text[_at] == ')')
                    _at++;
                else
                {
                    while (true)
                    {
                        arguments.Add(Expression());
                        Skip();
                        if (_at < text.Length && text[_at] == ',')
                        {
                            _at++;
                            continue;
                        }
                        if (_at < text.Length && text[_at] == ')')
                        {
                            _at++;
                            break;
                        }
                        throw Error("',' or ')'");
                    }
                }
                return new CallNode(name.ToString(), arguments, text[start.._at]);
            }
            _at = start;
            return Path();
        }

        public void End()
        {
            Skip();
            if (_at < text.Length)
                throw Error("the end of the target");
        }

        private PathNode Path()
        {
            var start = _at;
            var braces = 0;
            while (_at < text.Length && (braces > 0 || (text[_at] != ',' && text[_at] != ')')))
            {
                braces += text[_at] == '{' ? 1 : text[_at] == '}' ? -1 : 0;
                _at++;
            }
            var path = text[start.._at].Trim();
            if (path.Length == 0 || path.Any(c => !(char.IsAsciiLetterOrDigit(c) || "._-*?[]{},".Contains(c, StringComparison.Ordinal))))
                throw new FormatException($"'{path}' (at {start + 1}) is not a metric path");
            return new PathNode(path);
        }

        private NumberNode Number()
        {
            var start = _at++;
            while (_at < text.Length && (char.IsAsciiDigit(text[_at]) || text[_at] == '.'))
                _at++;
            var raw = text[start.._at];
            return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? new NumberNode(value, raw) : throw Error("a number");
        }

        private StringNode QuotedString(char quote)
        {
            var end = text.IndexOf(quote, _at + 1);
            if (end < 0)
                throw Error($"a closing {quote}");
            var value = text[(_at + 1)..end];
            _at = end + 1;
            return new StringNode(value);
        }

        private void Skip()
        {
            while (_at < text.Length && text[_at] == ' ')
                _at++;
        }

        private FormatException Error(string expected) => new($"target '{text}': expected {expected} at character {_at + 1}");
    }
}
