using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Jobs;

/// <summary>A server's history is written with its latest list, and a save that finds its change already written skips.</summary>
public sealed class HistorySaveTests
{
    private static readonly ServerAddress Server = new("127.0.0.12", 3306);

    [Fact]
    public async Task JobsRememberedThenSavedOnceAreWrittenTogetherAndASecondSaveWritesNothing()
    {
        var store = new CountingStore();
        var history = await JobHistory.LoadAsync("lab", [Server], store, 10, TestContext.Current.CancellationToken);

        history.Remember(new Job { Id = 1, Task = "errorlog", Target = Server, State = JobState.Pending, Start = 1_000 });
        history.Remember(new Job { Id = 2, Task = "slowquery", Target = Server, State = JobState.Pending, Start = 1_000 });
        await history.SaveAsync(Server, TestContext.Current.CancellationToken);
        await history.SaveAsync(Server, TestContext.Current.CancellationToken);

        var written = Assert.Single(store.Writes);
        Assert.Equal([2L, 1L], written.Select(job => job.Id));
    }

    [Fact]
    public async Task EveryChangeIsInTheLastWriteWhateverTheOrderOfConcurrentSaves()
    {
        var store = new CountingStore();
        var history = await JobHistory.LoadAsync("lab", [Server], store, 100, TestContext.Current.CancellationToken);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(id => Task.Run(() =>
            history.PutAsync(new Job { Id = id, Task = $"task{id}", Target = Server, State = JobState.Pending, Start = id }, TestContext.Current.CancellationToken))));

        Assert.InRange(store.Writes.Count, 1, 20);
        Assert.Equal(20, store.Writes[^1].Count);
    }

    private sealed class CountingStore : IJobHistoryStore
    {
        private readonly Lock _gate = new();

        public List<IReadOnlyList<Job>> Writes { get; } = [];

        public Task<IReadOnlyList<Job>> LoadAsync(string cluster, ServerAddress server, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Job>>([]);

        public async Task SaveAsync(string cluster, ServerAddress server, IReadOnlyList<Job> jobs, CancellationToken cancellationToken)
        {
            await Task.Yield();
            lock (_gate)
                Writes.Add(jobs);
        }
    }
}
