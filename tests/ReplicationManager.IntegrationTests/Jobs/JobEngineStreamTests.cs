using System.Security.Cryptography;
using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Sql;

namespace ReplicationManager.IntegrationTests.Jobs;

public sealed class JobEngineStreamTests
{
    [Fact(Timeout = 120_000)]
    public async Task AStreamSentWithSocatLandsInTheServersLogFolder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await JobsHarness.CreateAsync();
        var replica = harness.Lab.Replicas[0];
        var server = JobsHarness.AddressOf(replica);
        var payload = harness.WriteRandomFile(5 << 20);
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(payload, ct)));

        var submission = await harness.Engine.SubmitRemoteAsync(server, JobTasks.ErrorLog, ct);
        Assert.True(submission.IsAccepted, submission.RefusedBecause);
        var row = await harness.WaitForRowAsync(server, submission.Job!.Id, row => row.State == JobState.Pending && row.Port > 0, ct);
        await harness.SetRowAsync(server, row.Id, JobState.Processing, "processing", ct);
        await JobsHarness.SendWithSocatAsync(payload, replica, row, ct);
        await harness.SetRowAsync(server, row.Id, JobState.Finished, $"size={5 << 20} sha256={sha}", ct);
        var job = await harness.DriveAsync(submission.Completion!, ct);

        Assert.Equal(JobState.Success, job.State);
        Assert.Equal(5 << 20, job.Bytes);
        Assert.Equal(sha, job.Sha256);
        Assert.Equal(harness.Destinations.LogDirectory(server), Path.GetDirectoryName(job.Path));
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(job.Path!, ct))));
        Assert.Equal("127.0.0.1", row.Server);
        var final = await harness.WaitForRowAsync(server, row.Id, _ => true, ct);
        Assert.Equal(JobState.Success, final.State);
        Assert.Single(Directory.GetFiles(harness.Destinations.LogDirectory(server), "*", SearchOption.AllDirectories), file => !file.EndsWith("serverstate.json", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task ACutStreamEndsTheJobInErrorAndLeavesNoFile()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await JobsHarness.CreateAsync();
        var server = JobsHarness.AddressOf(harness.Lab.Replicas[0]);

        var submission = await harness.Engine.SubmitRemoteAsync(server, JobTasks.SlowQuery, ct);
        var row = await harness.WaitForRowAsync(server, submission.Job!.Id, row => row.State == JobState.Pending && row.Port > 0, ct);
        await harness.SetRowAsync(server, row.Id, JobState.Processing, "processing", ct);
        await JobsHarness.SendAndResetAsync(RandomNumberGenerator.GetBytes(1 << 20), 300_000, row, ct);
        var job = await harness.DriveAsync(submission.Completion!, ct);

        Assert.Equal(JobState.Error, job.State);
        Assert.Contains("stream cut", job.Result, StringComparison.Ordinal);
        Assert.Null(job.Path);
        Assert.Empty(ReceivedFiles(harness, server));
        Assert.Equal(JobState.Error, (await harness.WaitForRowAsync(server, row.Id, _ => true, ct)).State);
    }

    [Fact(Timeout = 120_000)]
    public async Task ASenderThatNeverConnectsEndsTheJobInErrorNamingTheWait()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await JobsHarness.CreateAsync("scheduler-jobs-stream-accept-timeout = 1");
        var server = JobsHarness.AddressOf(harness.Lab.Replicas[0]);

        var submission = await harness.Engine.SubmitRemoteAsync(server, JobTasks.ErrorLog, ct);
        var row = await harness.WaitForRowAsync(server, submission.Job!.Id, row => row.State == JobState.Pending && row.Port > 0, ct);
        await harness.SetRowAsync(server, row.Id, JobState.Processing, "processing", ct);
        var job = await harness.DriveAsync(submission.Completion!, ct);

        Assert.Equal(JobState.Error, job.State);
        Assert.Contains("stream accept timed out: no sender connected", job.Result, StringComparison.Ordinal);
        Assert.Contains("within 1s", job.Result, StringComparison.Ordinal);
        Assert.Empty(ReceivedFiles(harness, server));
    }

    [Fact(Timeout = 120_000)]
    public async Task AStreamShorterThanTheSenderDeclaredIsNotKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await JobsHarness.CreateAsync();
        var replica = harness.Lab.Replicas[1];
        var server = JobsHarness.AddressOf(replica);
        var payload = harness.WriteRandomFile(1 << 20);

        var submission = await harness.Engine.SubmitRemoteAsync(server, JobTasks.Mariabackup, ct);
        var row = await harness.WaitForRowAsync(server, submission.Job!.Id, row => row.State == JobState.Pending && row.Port > 0, ct);
        await harness.SetRowAsync(server, row.Id, JobState.Processing, "processing", ct);
        await JobsHarness.SendWithSocatAsync(payload, replica, row, ct);
        await harness.SetRowAsync(server, row.Id, JobState.Finished, $"size={2 << 20}", ct);
        var job = await harness.DriveAsync(submission.Completion!, ct);

        Assert.Equal(JobState.ErrorAfter, job.State);
        Assert.Contains($"the sender sent {2 << 20} bytes, {1 << 20} arrived", job.Result, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(harness.Destinations.BackupDirectory(server)) ? Directory.GetFiles(harness.Destinations.BackupDirectory(server)) : []);
    }

    [Fact(Timeout = 120_000)]
    public async Task ATaskAlreadyRunningOnAServerIsRefusedWithTheReason()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await JobsHarness.CreateAsync();
        var server = JobsHarness.AddressOf(harness.Lab.Replicas[0]);

        var first = await harness.Engine.SubmitRemoteAsync(server, JobTasks.ErrorLog, ct);
        var second = await harness.Engine.SubmitRemoteAsync(server, JobTasks.ErrorLog, ct);

        Assert.True(first.IsAccepted);
        Assert.False(second.IsAccepted);
        Assert.Contains($"task errorlog is already", second.RefusedBecause, StringComparison.Ordinal);
        Assert.Contains($"(job {first.Job!.Id})", second.RefusedBecause, StringComparison.Ordinal);
        Assert.True(await harness.Engine.CancelAsync(server, JobTasks.ErrorLog, ct));
        Assert.Equal(JobState.Error, (await first.Completion!).State);
    }

    [Fact(Timeout = 120_000)]
    public async Task AServersTasksArePostedTogetherEachStreamingRowWithItsListeningPortFromItsFirstWrite()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await JobsHarness.CreateAsync();
        var server = JobsHarness.AddressOf(harness.Lab.Replicas[0]);
        var busy = await harness.WithConnectionAsync(server, async connection =>
        {
            await connection.ExecuteAsync(
                $"INSERT INTO replication_manager_schema.jobs (task, port, server, done, state, start) VALUES ('slowquery', 0, '10.9.9.9', 0, 1, NOW())", ct);
            return await connection.QueryScalarAsync<long>($"SELECT id FROM replication_manager_schema.jobs WHERE task = 'slowquery'", ct);
        }, ct);

        var submissions = await harness.Engine.SubmitRemoteAsync(server, [JobTasks.ErrorLog, JobTasks.SlowQuery, JobTasks.Optimize], ct);
        var rows = await harness.WithConnectionAsync(server, connection => JobsTable.ReadAsync(connection, ct), ct);

        Assert.True(submissions[0].IsAccepted, submissions[0].RefusedBecause);
        var errorlog = Assert.Single(rows, row => row.Id == submissions[0].Job!.Id);
        Assert.Equal((JobState.Pending, submissions[0].Job!.Port), (errorlog.State, errorlog.Port));
        Assert.True(errorlog.Port > 0);
        Assert.Contains(System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners(),
            listener => listener.Port == errorlog.Port && listener.Address.ToString() == errorlog.Server);
        Assert.False(submissions[1].IsAccepted);
        Assert.StartsWith($"task slowquery is already processing on this server (job {busy}, started ", submissions[1].RefusedBecause, StringComparison.Ordinal);
        Assert.Contains(rows, row => row.Id == busy && row.State == JobState.Processing);
        Assert.True(submissions[2].IsAccepted, submissions[2].RefusedBecause);
        Assert.Contains(rows, row => row.Id == submissions[2].Job!.Id && row.State == JobState.Pending && row.Port == 0);
        Assert.True(await harness.Engine.CancelAsync(server, JobTasks.ErrorLog, ct));
        Assert.True(await harness.Engine.CancelAsync(server, JobTasks.Optimize, ct));
        await harness.SetRowAsync(server, busy, JobState.Success, "", ct);
    }

    [Fact(Timeout = 120_000)]
    public async Task ARowLeftPendingByAGoneRepmanIsReplacedOnceItIsOlderThanTheStartTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await JobsHarness.CreateAsync("scheduler-jobs-start-timeout = 60");
        var server = JobsHarness.AddressOf(harness.Lab.Replicas[0]);
        await harness.WithConnectionAsync(server, connection => connection.ExecuteAsync(
            $"INSERT INTO replication_manager_schema.jobs (task, port, server, done, state, start) VALUES ('optimize', 0, '10.9.9.9', 0, 0, NOW() - INTERVAL 2 HOUR)", ct), ct);

        var submission = await harness.Engine.SubmitRemoteAsync(server, JobTasks.Optimize, ct);

        Assert.True(submission.IsAccepted, submission.RefusedBecause);
        var row = await harness.WaitForRowAsync(server, submission.Job!.Id, _ => true, ct);
        Assert.Equal("127.0.0.1", row.Server);
        Assert.True(await harness.Engine.CancelAsync(server, JobTasks.Optimize, ct));
    }

    private static string[] ReceivedFiles(JobsHarness harness, Core.Topology.ServerAddress server)
    {
        var directory = harness.Destinations.LogDirectory(server);
        return Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Where(file => !file.EndsWith("serverstate.json", StringComparison.Ordinal)).ToArray()
            : [];
    }
}
