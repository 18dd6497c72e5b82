namespace ReplicationManager.IntegrationTests.Lab;

public sealed class LabScriptTests
{
    [Fact(Timeout = 60_000)]
    public async Task StatusReportsEveryHostUpAndReplicating()
    {
        var lab = LabEnvironment.Require();

        var status = await lab.RunLabAsync(TestContext.Current.CancellationToken, "status");

        Assert.Contains($"{lab.Primary.Name} {lab.Primary.Address} up primary", status, StringComparison.Ordinal);
        foreach (var replica in lab.Replicas)
            Assert.Contains($"{replica.Name} {replica.Address} up replica io=Yes sql=Yes", status, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task EnvNamesEveryHostWithItsOwnLoopbackAddress()
    {
        var lab = LabEnvironment.Require();

        var env = await lab.RunLabAsync(TestContext.Current.CancellationToken, "env");

        Assert.All(lab.Hosts, host => Assert.Matches(@"^127\.0\.0\.\d+$", host.Address));
        Assert.Equal(lab.Hosts.Count, lab.Hosts.Select(host => host.Address).Distinct().Count());
        Assert.Contains("LAB_PORT=3306", env, StringComparison.Ordinal);
        Assert.Contains("LAB_EXTRA_PORT=3307", env, StringComparison.Ordinal);
    }
}
