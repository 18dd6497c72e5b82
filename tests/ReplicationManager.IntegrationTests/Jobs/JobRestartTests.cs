using ReplicationManager.Core.Jobs;

namespace ReplicationManager.IntegrationTests.Jobs;

public sealed class JobRestartTests
{
    [Fact(Timeout = 120_000)]
    public async Task AJobInFlightWhenRepmanStopsEndsInErrorAfterTheRestartAndLeavesNoPartialFile()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await JobsHarness.CreateAsync();
        var replica = harness.Lab.Replicas[0];
        var server = JobsHarness.AddressOf(replica);

        var submission = await harness.Engine.SubmitRemoteAsync(server, JobTasks.ErrorLog, ct);
        var row = await harness.WaitForRowAsync(server, submission.Job!.Id, row => row.State == JobState.Pending && row.Port > 0, ct);
        await harness.SetRowAsync(server, row.Id, JobState.Processing, "processing", ct);
        var partial = harness.Engine.Active.Single().PartialPath!;
        await File.WriteAllTextAsync(partial, "half a stream", ct);

        // The old engine is dropped without any shutdown, as a killed process would be.
        var restarted = await harness.RestartAsync("test-process-2");
        await restarted.RecoverAsync(ct);

        var job = restarted.History.Of(server).Single(entry => entry.Id == row.Id);
        Assert.Equal(JobState.Error, job.State);
        Assert.EndsWith(JobEngine.RestartMessage, job.Result, StringComparison.Ordinal);
        var final = await harness.WaitForRowAsync(server, row.Id, _ => true, ct);
        Assert.Equal(JobState.Error, final.State);
        Assert.Contains(JobEngine.RestartMessage, final.Result, StringComparison.Ordinal);
        Assert.False(File.Exists(partial));
    }
}
