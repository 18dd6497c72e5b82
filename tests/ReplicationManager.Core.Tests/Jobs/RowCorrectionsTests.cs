using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Jobs;

/// <summary>A job's end its row missed is written again until the server takes it, and only once it did.</summary>
public sealed class RowCorrectionsTests
{
    private static readonly ServerAddress Down = new("127.0.0.19", 3306);
    private static readonly ServerAddress Up = new("127.0.0.12", 3306);

    [Fact]
    public async Task AnEndIsWrittenAgainUntilTheServerTakesIt()
    {
        var board = new Board { Unreachable = { Down } };
        var corrections = new RowCorrections();
        corrections.Remember(Down, 7, [JobState.Processing], JobState.Error, "cut");

        await corrections.ApplyAsync(board, null, CancellationToken.None);
        Assert.False(corrections.IsEmpty);

        board.Unreachable.Clear();
        await corrections.ApplyAsync(board, null, CancellationToken.None);
        Assert.True(corrections.IsEmpty);
        Assert.Equal([(Down, 7L, JobState.Error, "cut")], board.Written);
    }

    [Fact]
    public async Task BeforeAJobOnOneServerOnlyThatServersEndsAreWritten()
    {
        var board = new Board();
        var corrections = new RowCorrections();
        corrections.Remember(Down, 7, [JobState.Processing], JobState.Error, "cut");
        corrections.Remember(Up, 9, [JobState.Finished], JobState.Success, "done");

        await corrections.ApplyAsync(board, Up, CancellationToken.None);

        Assert.Equal([(Up, 9L, JobState.Success, "done")], board.Written);
        Assert.False(corrections.IsEmpty);
    }

    [Fact]
    public async Task APassStartedWhileAnotherWaitsOnASilentServerReturnsAtOnce()
    {
        var board = new Board { Silent = new TaskCompletionSource() };
        var corrections = new RowCorrections();
        corrections.Remember(Down, 7, [JobState.Processing], JobState.Error, "cut");

        var first = corrections.ApplyAllOnceAsync(board, CancellationToken.None);
        await corrections.ApplyAllOnceAsync(board, CancellationToken.None);
        Assert.False(first.IsCompleted);
        board.Silent.SetResult();
        await first;

        Assert.Equal([(Down, 7L, JobState.Error, "cut")], board.Written);
        Assert.True(corrections.IsEmpty);
    }

    private sealed class Board : IJobBoard
    {
        public HashSet<ServerAddress> Unreachable { get; } = [];

        /// <summary>When set, a transition waits for it: a server that takes its connect timeout to answer.</summary>
        public TaskCompletionSource? Silent { get; init; }

        public List<(ServerAddress, long, JobState, string)> Written { get; } = [];

        public JobMode Mode => JobMode.Sql;

        public async Task<bool> TransitionAsync(ServerAddress server, long id, IReadOnlyCollection<JobState> from, JobState target, string message, CancellationToken cancellationToken)
        {
            if (Silent is not null)
                await Silent.Task;
            if (Unreachable.Contains(server))
                throw new IOException($"{server} does not answer");
            Written.Add((server, id, target, message));
            return true;
        }

        public Task<IReadOnlyList<EnqueueResult>> EnqueueAsync(ServerAddress server, IReadOnlyList<JobPost> posts, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<bool> ReleaseAsync(ServerAddress server, long id, int port, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<JobRow>> ReadAsync(ServerAddress server, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> ClaimAsync(ServerAddress server, string task, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
