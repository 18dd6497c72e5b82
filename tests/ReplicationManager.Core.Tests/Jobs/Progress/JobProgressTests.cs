using System.Net;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Streams;
using ReplicationManager.Core.Options;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Jobs.Progress;

/// <summary>Runs every case of <c>scenarios.json</c> through <see cref="JobProgress.Next"/>.</summary>
public sealed class JobProgressTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static readonly JobTimeouts Timeouts = new(
        Start: TimeSpan.FromSeconds(60),
        StreamAccept: TimeSpan.FromSeconds(600),
        StreamIdle: TimeSpan.FromSeconds(300),
        PostJob: TimeSpan.FromSeconds(30),
        PortWait: TimeSpan.FromSeconds(600));

    public static TheoryData<string> Scenarios() => new(JobProgressScenario.All.Select(scenario => scenario.Name));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void DecidesTheNextStep(string name)
    {
        var scenario = JobProgressScenario.All.Single(candidate => candidate.Name == name);
        var job = new Job
        {
            Id = 7,
            Task = JobTasks.Mariabackup,
            Target = new ServerAddress("db2", 3306),
            State = scenario.Job.State,
            Result = scenario.Job.Result ?? "",
            Mode = scenario.Job.Mode,
        };
        var row = scenario.Row is { } r ? new JobRow(7, JobTasks.Mariabackup, 4000, "10.0.0.5", false, r.State, r.Result, null, null, null) : null;
        var observed = new JobObservation(row, Stream(scenario.Stream), Ago(scenario.PendingForSeconds), Ago(scenario.FinishedForSeconds))
        {
            PostJob = PostJob(scenario.PostJob),
            HasPostJob = scenario.HasPostJob,
        };

        var step = JobProgress.Next(job, observed, Now, Timeouts);

        var expected = scenario.Expect;
        Assert.Equal(expected.Step, step.GetType().Name);
        switch (step)
        {
            case JobStep.Wait wait:
                Assert.Equal(expected.State, wait.State);
                Assert.Equal(expected.WaitingFor, wait.WaitingFor);
                break;
            case JobStep.Picked picked:
                Assert.Equal(expected.State, picked.State);
                Assert.Equal(expected.Message, picked.Result);
                break;
            case JobStep.Conclude conclude:
                Assert.Equal(expected.From, conclude.From);
                Assert.Equal(expected.State, conclude.To);
                Assert.Equal(expected.Message, conclude.Message);
                break;
            case JobStep.Ended ended:
                Assert.Equal(expected.State, ended.State);
                Assert.Equal(expected.Message, ended.Result);
                break;
            case JobStep.Keep keep:
                Assert.Equal(observed.Stream.Receipt, keep.Receipt);
                break;
        }
    }

    [Fact]
    public void EveryKindOfStepHasAScenario()
    {
        var steps = JobProgressScenario.All.Select(scenario => scenario.Expect.Step).ToHashSet();
        Assert.Equal(["Conclude", "Ended", "Keep", "Picked", "RunPostJob", "Wait"], steps.Order(StringComparer.Ordinal));
    }

    private static PostJobStatus PostJob(string? text) => text switch
    {
        null => PostJobStatus.None,
        "running" => PostJobStatus.Running,
        _ when text.StartsWith("succeeded:", StringComparison.Ordinal) => PostJobStatus.Succeeded(text["succeeded:".Length..]),
        _ when text.StartsWith("failed:", StringComparison.Ordinal) => PostJobStatus.Failed(text["failed:".Length..]),
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "postJob is running, succeeded:<message> or failed:<message>"),
    };

    private static DateTimeOffset? Ago(double? seconds) => seconds is { } s ? Now - TimeSpan.FromSeconds(s) : null;

    private static StreamStatus Stream(string text)
    {
        var parts = text.Split(':', 3);
        return parts[0] switch
        {
            "none" => StreamStatus.None,
            "open" => StreamStatus.Open,
            "received" => StreamStatus.Received(new StreamReceipt("/tmp/.x.partial", long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(1), parts[2], new IPEndPoint(IPAddress.Loopback, 1))),
            "failed" => StreamStatus.Failed(text["failed:".Length..]),
            _ => throw new ArgumentOutOfRangeException(nameof(text), text, "stream is none, open, received:<bytes>:<sha> or failed:<reason>"),
        };
    }
}
