using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Jobs;

/// <summary>The ended-jobs counters behind /metrics: a job counts once, when it ends, with its seconds and bytes.</summary>
public sealed class JobTotalsTests
{
    private static readonly ServerAddress Server = new("127.0.0.12", 3306);

    [Fact]
    public async Task AJobCountsOnceWhenItEndsAndNotAgainWhenItsRecordChangesLater()
    {
        var history = await JobHistory.LoadAsync("lab", [Server], new NoStore(), 10, TestContext.Current.CancellationToken);
        var job = new Job { Id = 7, Task = "mariabackup", Target = Server, State = JobState.Pending, Start = 1_000 };

        history.Remember(job);
        history.Remember(job with { State = JobState.Processing });
        Assert.Empty(history.Totals.Snapshot());

        history.Remember(job with { State = JobState.Success, End = 1_030, Bytes = 4096 });
        history.Remember(job with { State = JobState.Success, End = 1_030, Bytes = 4096, Path = null, Result = "backup removed by retention" });
        history.Remember(new Job { Id = 8, Task = "mariabackup", Target = Server, State = JobState.Error, Start = 2_000, End = 2_005 });

        var totals = history.Totals.Snapshot().OrderBy(total => total.State).ToList();
        Assert.Equal([("mariabackup", JobState.Success, 1L, 30.0, 4096L), ("mariabackup", JobState.Error, 1L, 5.0, 0L)], totals);
    }

    private sealed class NoStore : IJobHistoryStore
    {
        public Task<IReadOnlyList<Job>> LoadAsync(string cluster, ServerAddress server, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Job>>([]);

        public Task SaveAsync(string cluster, ServerAddress server, IReadOnlyList<Job> jobs, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
