using ReplicationManager.Core.Monitoring;

namespace ReplicationManager.Core.Tests.Topology;

/// <summary>Runs every <c>Scenarios/*.json</c>: the observed cluster in, the derived states and problems out.</summary>
public sealed class TopologyScenarioTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Scenarios() =>
        new(System.IO.Directory.GetFiles(TopologyScenario.Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order()!);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void DerivesStatesAndProblems(string scenario)
    {
        var test = TopologyScenario.Load(scenario);

        var cluster = TopologyAnalyzer.Analyze("scenario", Now, 1, test.Servers, test.PreviousPrimary, TopologyRules.Default);

        var problems = string.Join(Environment.NewLine, cluster.Problems.Select(p => $"  {p.Code} {p.Server}: {p.Message}"));
        var context = $"{test.Description}{Environment.NewLine}problems found:{Environment.NewLine}{problems}";
        Assert.True(test.Expected.Primary == cluster.PrimaryAddress, $"primary {cluster.PrimaryAddress}, expected {test.Expected.Primary}. {context}");
        if (test.Expected.Replicas is { } replicas)
            Assert.True(replicas.SequenceEqual(cluster.Replicas), $"replicas {string.Join(", ", cluster.Replicas)}, expected {string.Join(", ", replicas)}. {context}");
        Assert.Equal(test.Servers.Count, test.Expected.States.Count);
        foreach (var server in cluster.Servers)
        {
            var expected = test.Expected.States[server.Address.ToString()];
            Assert.True(expected == server.State, $"{server.Address} is {server.State} ({server.StateReason}), expected {expected}. {context}");
        }
        var found = cluster.Problems.Select(p => $"{p.Code} {p.Server}".TrimEnd()).Order().ToList();
        var wanted = test.Expected.Problems.Select(p => p.ToString()).Order().ToList();
        Assert.True(wanted.SequenceEqual(found), $"problems [{string.Join("; ", found)}], expected [{string.Join("; ", wanted)}]. {context}");
        foreach (var problem in test.Expected.Problems.Where(p => p.MessageContains is not null))
        {
            var message = cluster.Problems.First(p => p.Code == problem.Code && p.Server == problem.Server).Message;
            Assert.Contains(problem.MessageContains!, message, StringComparison.Ordinal);
        }
    }
}
