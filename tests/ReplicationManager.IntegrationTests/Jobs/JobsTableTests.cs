using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Sql;
using ReplicationManager.MariaDb;

namespace ReplicationManager.IntegrationTests.Jobs;

/// <summary>The jobs table's statements against a lab server.</summary>
public sealed class JobsTableTests
{
    [Fact(Timeout = 120_000)]
    public async Task ABatchOfPostsStandsWholeOrNotAtAllAndTheConnectionIsLeftOutsideAnyTransaction()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await JobsHarness.CreateAsync();
        var server = JobsHarness.AddressOf(harness.Lab.Replicas[1]);
        var owner = new JobOwner($"jobs-table-test-{Guid.NewGuid():N}", "sql", false);
        // A task name longer than the column: the server refuses the INSERT (strict mode), which puts every row or none.
        JobPost[] posts = [new(JobTasks.Optimize, JobState.Pending, 0, null, owner), new(new string('x', 40), JobState.Pending, 0, null, owner)];

        var (refused, inTransaction, rows) = await harness.WithConnectionAsync(server, async connection =>
        {
            await JobsTable.EnsureAsync(connection, ct);
            var error = await Assert.ThrowsAsync<MariaDbException>(() => JobsTable.EnqueueAsync(connection, posts, "127.0.0.1", TimeSpan.FromHours(1), ct));
            return (error, await connection.QueryScalarAsync<long>($"SELECT @@in_transaction", ct), await JobsTable.ReadAsync(connection, ct));
        }, ct);

        Assert.Contains("Data too long for column 'task'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, inTransaction);
        Assert.DoesNotContain(rows, row => JobOwner.Parse(row.Payload)?.Process == owner.Process);
    }

    [Fact(Timeout = 120_000)]
    public async Task EachPostOfABatchGetsItsRowOrTheReasonItsTaskIsBusy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await JobsHarness.CreateAsync();
        var server = JobsHarness.AddressOf(harness.Lab.Replicas[1]);
        var owner = new JobOwner($"jobs-table-test-{Guid.NewGuid():N}", "sql", false);
        JobPost[] posts = [new(JobTasks.Optimize, JobState.Pending, 0, null, owner), new(JobTasks.Analyze, JobState.Pending, 0, null, owner), new(JobTasks.Optimize, JobState.Pending, 0, null, owner)];

        var results = await harness.WithConnectionAsync(server, async connection =>
        {
            await JobsTable.EnsureAsync(connection, ct);
            return await JobsTable.EnqueueAsync(connection, posts, "127.0.0.1", TimeSpan.FromHours(1), ct);
        }, ct);

        var optimize = Assert.IsType<long>(results[0].JobId);
        var analyze = Assert.IsType<long>(results[1].JobId);
        Assert.StartsWith($"task optimize is already pending on this server (job {optimize}, started ", results[2].RefusedBecause, StringComparison.Ordinal);
        // The same process posting again: its own earlier row is in the way, not taken for the new one.
        var again = await harness.WithConnectionAsync(server, connection => JobsTable.EnqueueAsync(connection, [posts[0]], "127.0.0.1", TimeSpan.FromHours(1), ct), ct);
        Assert.StartsWith($"task optimize is already pending on this server (job {optimize}, started ", again[0].RefusedBecause, StringComparison.Ordinal);
        var rows = await harness.WithConnectionAsync(server, connection => JobsTable.ReadAsync(connection, ct), ct);
        Assert.Contains(rows, row => row.Id == optimize && row.Task == JobTasks.Optimize && row.State == JobState.Pending
            && JobOwner.Parse(row.Payload) is { Post: not null } written && written with { Post = null } == owner);
        Assert.Contains(rows, row => row.Id == analyze && row.Task == JobTasks.Analyze && row.State == JobState.Pending);
        await harness.SetRowAsync(server, optimize, JobState.Success, "", ct);
        await harness.SetRowAsync(server, analyze, JobState.Success, "", ct);
    }
}
