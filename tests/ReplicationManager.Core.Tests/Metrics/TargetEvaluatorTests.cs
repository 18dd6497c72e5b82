using ReplicationManager.Core.Metrics;
using ReplicationManager.Core.Metrics.Render;

namespace ReplicationManager.Core.Tests.Metrics;

/// <summary>Render targets over two canned counters of 10 s steps: functions, nesting, names, errors.</summary>
public sealed class TargetEvaluatorTests
{
    private static readonly Dictionary<string, double?[]> Metrics = new()
    {
        ["mysql.db1.questions"] = [100, 110, 130, null, 160],
        ["mysql.db2.questions"] = [10, 20, 5, 15, 25],
    };

    private static readonly TargetEvaluator Evaluator = new(pattern =>
    {
        var matcher = pattern.Split('.').Select(MetricName.NodePattern).ToList();
        return Metrics.Where(pair => pair.Key.Split('.') is var nodes && nodes.Length == matcher.Count && nodes.Zip(matcher).All(p => p.Second.IsMatch(p.First)))
            .Select(pair => new RenderSeries(pair.Key, 1000, 10, pair.Value)).ToList();
    });

    public static TheoryData<string, string, double?[]> Targets => new()
    {
        { "mysql.db1.questions", "mysql.db1.questions", [100, 110, 130, null, 160] },
        { "sumSeries(mysql.*.questions)", "sumSeries(mysql.*.questions)", [110, 130, 135, 15, 185] },
        { "averageSeries(mysql.{db1,db2}.questions)", "averageSeries(mysql.{db1,db2}.questions)", [55, 65, 67.5, 15, 92.5] },
        { "scale(mysql.db2.questions, 0.5)", "scale(mysql.db2.questions,0.5)", [5, 10, 2.5, 7.5, 12.5] },
        { "nonNegativeDerivative(mysql.db2.questions)", "nonNegativeDerivative(mysql.db2.questions)", [null, 10, null, 10, 10] },
        { "perSecond(mysql.db1.questions)", "perSecond(mysql.db1.questions)", [null, 1, 2, null, null] },
        { "movingAverage(mysql.db2.questions, 2)", "movingAverage(mysql.db2.questions,2)", [15, 12.5, 10] },
        { "alias(scale(mysql.db2.questions,2), \"double\")", "double", [20, 40, 10, 30, 50] },
        { "aliasByNode(mysql.db1.questions, 1)", "db1", [100, 110, 130, null, 160] },
        { "aliasByNode(perSecond(mysql.db1.questions), 1, -1)", "db1.questions", [null, 1, 2, null, null] },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void EachTargetGivesItsNameAndValues(string target, string name, double?[] values)
    {
        var series = Assert.Single(Evaluator.Evaluate(target));
        Assert.Equal(name, series.Name);
        Assert.Equal(values, series.Values);
    }

    [Fact]
    public void SummarizeBucketsByIntervalAndConsolidateAveragesNeighbours()
    {
        var summed = Assert.Single(Evaluator.Evaluate("summarize(mysql.db2.questions, \"20s\", \"max\")"));
        Assert.Equal(20, summed.Step);
        Assert.Equal([20.0, 15, 25], summed.Values);
        // 50 s over 10 s steps in at most 2 points: groups of 3, the start nudged by 20 s to 1020, one point dropped (as graphite-web).
        var consolidated = Evaluator.Evaluate("mysql.db2.questions")[0].Consolidate(2, 50);
        Assert.Equal(1020, consolidated.From);
        Assert.Equal(30, consolidated.Step);
        Assert.Equal([40.0 / 3, 25], consolidated.Values);
    }

    [Theory]
    [InlineData("median(mysql.db1.questions)", "unknown function median")]
    [InlineData("scale(mysql.db1.questions)", "scale needs at least 2 arguments")]
    [InlineData("scale(mysql.db1.questions, \"x\")", "argument 2 must be a number")]
    [InlineData("sumSeries(mysql.db1.questions", "expected ',' or ')'")]
    [InlineData("mysql.db1.questions)", "expected the end of the target")]
    [InlineData("mysql/../etc", "is not a metric path")]
    public void AWrongTargetSaysWhatIsWrong(string target, string message)
    {
        var error = Assert.Throws<FormatException>(() => Evaluator.Evaluate(target));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("now", 10_000)]
    [InlineData("-1h", 6_400)]
    [InlineData("-10min", 9_400)]
    [InlineData("1234", 1_234)]
    [InlineData(null, 42)]
    public void TimesAreNowRelativeOrUnix(string? text, long expected) => Assert.Equal(expected, GraphiteTime.Parse(text, 10_000, 42));

    [Theory]
    [InlineData("mysql.db1.questions 12.5 1700000000", "mysql.db1.questions", 12.5, 1700000000L, null)]
    [InlineData("mysql.db1.questions 3 -1", "mysql.db1.questions", 3.0, 99L, null)]
    [InlineData("../../etc/passwd 1 2", null, 0.0, 0L, "is not a metric name")]
    [InlineData("a.b NaN 2", null, 0.0, 0L, "is not a number")]
    [InlineData("a.b 1", null, 0.0, 0L, "expected 'name value timestamp'")]
    public void CarbonLinesAreReadOrRefusedWithTheReason(string line, string? name, double value, long timestamp, string? error)
    {
        var point = CarbonLine.Parse(line, 99, out var reason);
        if (error is null)
            Assert.Equal(new MetricPoint(name!, value, timestamp), point);
        else
            Assert.Contains(error, reason, StringComparison.Ordinal);
    }
}
