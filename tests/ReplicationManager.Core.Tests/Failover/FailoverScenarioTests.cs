using ReplicationManager.Core.Failover;
using ReplicationManager.Core.Monitoring;

namespace ReplicationManager.Core.Tests.Failover;

/// <summary>
/// Runs every <c>Scenarios/*.json</c>: the observed cluster goes through the topology analysis, then the planner
/// (and, for failovers, the automatic gate) must give the expected candidate, refusals and steps.
/// </summary>
public sealed class FailoverScenarioTests
{
    public static TheoryData<string> Scenarios() =>
        new(Directory.GetFiles(FailoverScenario.Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order()!);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void PlansOrRefusesAsExpected(string scenario)
    {
        var test = FailoverScenario.Load(scenario);
        var cluster = TopologyAnalyzer.Analyze("scenario", FailoverScenario.Now, 1, test.Servers, test.PreviousPrimary, TopologyRules.Default);
        var rules = test.BuildRules();

        var plan = PrimaryChangePlanner.Plan(cluster, test.Kind, rules, test.BuildHistory(), FailoverScenario.Now, test.Requested);

        var context = $"{test.Description}{Environment.NewLine}refusals: {string.Join(" | ", plan.Refusals)}{Environment.NewLine}not chosen: {string.Join(" | ", plan.NotChosen)}";
        Assert.True(test.Expected.Candidate == plan.Candidate, $"candidate {plan.Candidate}, expected {test.Expected.Candidate}. {context}");
        Assert.True(test.Expected.Refusals.Order().SequenceEqual(plan.Refusals.Select(r => r.Code).Order()),
            $"refusals [{string.Join(", ", plan.Refusals.Select(r => r.Code))}], expected [{string.Join(", ", test.Expected.Refusals)}]. {context}");
        if (test.Expected.Steps is { } steps)
        {
            var actual = plan.Steps.Select(s => s.Server is null ? s.Action.ToString() : $"{s.Action} {s.Server}").ToList();
            Assert.True(steps.SequenceEqual(actual), $"steps:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", actual)}{Environment.NewLine}{context}");
        }
        foreach (var (server, code) in test.Expected.NotChosen ?? new Dictionary<string, string>())
            Assert.True(plan.NotChosen.Any(r => r.Server?.ToString() == server && r.Code == code), $"{server} should be refused as {code}. {context}");
        if (test.Expected.Gate is { } verdict)
        {
            var gate = FailoverGate.Decide(cluster, rules, test.BuildHistory(), FailoverScenario.Now);
            Assert.True(verdict == gate.Verdict, $"gate {gate.Verdict} ({gate.Reason}), expected {verdict}. {context}");
        }
    }
}
